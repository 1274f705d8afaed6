package com.securemodel.core.deployment;

/**
 * How a deployment is hosted, decided at create time by the GPU fit check (and again by an update that changes the
 * hosting) and kept with the deployment.
 *
 * @param precision {@code fp16}, {@code int8} or {@code int4}
 * @param tensorParallelDegree GPUs the model is sharded across (1 on single-GPU instances)
 * @param estimatedGpuMemoryGib what the model needs, weights plus KV cache and overhead
 * @param endpointName the SageMaker endpoint name, derived from the deployment id
 * @param revision 0 for the hosting the deployment was created with, incremented by every update that needs a new
 *        SageMaker model and endpoint config (their names carry it, so the old ones can be removed afterwards)
 * @param prior what the deployment ran with before the update that made this revision (null for revision 0): an
 *        update SageMaker rolls back returns to it
 */
public record HostingPlan(String precision, int tensorParallelDegree, double estimatedGpuMemoryGib,
                          String endpointName, int revision, PriorHosting prior) {

    /** A plan without prior settings. */
    public HostingPlan(String precision, int tensorParallelDegree, double estimatedGpuMemoryGib, String endpointName,
                       int revision) {
        this(precision, tensorParallelDegree, estimatedGpuMemoryGib, endpointName, revision, null);
    }

    /** A plan of revision 0. */
    public HostingPlan(String precision, int tensorParallelDegree, double estimatedGpuMemoryGib, String endpointName) {
        this(precision, tensorParallelDegree, estimatedGpuMemoryGib, endpointName, 0);
    }

    /** @return the SageMaker model and endpoint config name of this revision ({@code <endpoint>-v<n>} after 0) */
    public String resourceName() {
        return resourceName(revision);
    }

    /** @return the model and endpoint config name of the revision before this one, or null for revision 0 */
    public String previousResourceName() {
        return revision == 0 ? null : resourceName(revision - 1);
    }

    /** @return this plan as the next revision of {@code current} (same endpoint, revision + 1) */
    public HostingPlan succeeding(HostingPlan current) {
        return new HostingPlan(precision, tensorParallelDegree, estimatedGpuMemoryGib, current.endpointName(),
                current.revision() + 1);
    }

    /** @return a copy that remembers what {@code running} ran with before this revision */
    public HostingPlan after(Deployment running) {
        return new HostingPlan(precision, tensorParallelDegree, estimatedGpuMemoryGib, endpointName, revision,
                PriorHosting.of(running));
    }

    /**
     * @return the plan of the revision before (its precision and GPU figures from {@link #prior} where known), null
     *         for revision 0
     */
    public HostingPlan rolledBack() {
        if (revision == 0) {
            return null;
        }
        return prior == null ? new HostingPlan(precision, tensorParallelDegree, estimatedGpuMemoryGib, endpointName,
                revision - 1) : new HostingPlan(prior.precision(), prior.tensorParallelDegree(),
                prior.estimatedGpuMemoryGib(), endpointName, revision - 1);
    }

    private String resourceName(int n) {
        return n == 0 ? endpointName : endpointName + "-v" + n;
    }
}
