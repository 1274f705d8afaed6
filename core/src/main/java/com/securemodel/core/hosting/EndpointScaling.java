package com.securemodel.core.hosting;

/**
 * Port: autoscaling of an endpoint's instances between a minimum and a maximum (Application Auto Scaling with
 * target tracking on SageMaker). Both calls are idempotent.
 */
public interface EndpointScaling {

    /** Scaling that does nothing (deployments keep their initial instance count). */
    EndpointScaling NONE = new EndpointScaling() {
        @Override
        public void register(String endpointName, int minInstances, int maxInstances) {
        }

        @Override
        public void deregister(String endpointName) {
        }
    };

    /** Registers (or re-registers with new bounds) the endpoint's variant and its target-tracking policy. */
    void register(String endpointName, int minInstances, int maxInstances);

    /** Removes the endpoint's scalable target and its policies; nothing happens when none is registered. */
    void deregister(String endpointName);
}
