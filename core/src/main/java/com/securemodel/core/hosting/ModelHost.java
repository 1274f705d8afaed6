package com.securemodel.core.hosting;

/**
 * Port: the SageMaker control plane. Every call is idempotent: creating what exists, or deleting what is gone,
 * succeeds without change. SDK failures become {@link com.securemodel.core.error.ServiceException}s.
 */
public interface ModelHost {

    /** Creates the model, the endpoint config and the endpoint of {@code spec} (whichever do not exist yet). */
    void createEndpoint(EndpointSpec spec);

    /** Creates the model and endpoint config of {@code spec} and points the existing endpoint at them. */
    void updateEndpoint(EndpointSpec spec);

    EndpointState describeEndpoint(String endpointName);

    /**
     * Deletes an endpoint config and a model that no endpoint uses any more (each only if it exists), for example
     * those an update replaced.
     */
    void deleteModelAndConfig(String endpointConfigName, String modelName);

    /** Deletes the endpoint, then its endpoint config and model (each only if it exists). */
    void deleteEndpoint(String endpointName, String endpointConfigName, String modelName);
}
