package com.securemodel.core.hosting;

/**
 * What {@code DescribeEndpoint} says.
 *
 * @param failureReason SageMaker's reason when failed (or when an update failed and was rolled back), else null
 * @param endpointConfigName the endpoint config the endpoint runs on (after a rolled-back update: the old one); null
 *        when unknown
 */
public record EndpointState(Status status, String failureReason, int currentInstanceCount,
                            String endpointConfigName) {

    /**
     * {@code UPDATE_ROLLBACK_FAILED}: an update failed and SageMaker could not return the endpoint to its previous
     * configuration either.
     */
    public enum Status { CREATING, UPDATING, IN_SERVICE, FAILED, UPDATE_ROLLBACK_FAILED, DELETING, NOT_FOUND, OTHER }

    /** A state that does not name its endpoint config. */
    public EndpointState(Status status, String failureReason, int currentInstanceCount) {
        this(status, failureReason, currentInstanceCount, null);
    }

    public static EndpointState notFound() {
        return new EndpointState(Status.NOT_FOUND, null, 0);
    }
}
