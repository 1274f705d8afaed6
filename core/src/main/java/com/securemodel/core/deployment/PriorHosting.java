package com.securemodel.core.deployment;

/**
 * What a deployment ran with before an update that needs new hosting, kept with the new {@link HostingPlan} so that
 * an update SageMaker rolls back (the endpoint back {@code InService} on the old endpoint config) returns the
 * deployment to these settings.
 *
 * @param contextLength the {@code model_config.context_length} before (null: the default)
 * @param quantization the {@code model_config.quantization} before (null: none asked)
 */
public record PriorHosting(String instanceType, int minReplicas, int maxReplicas, boolean autoScaling,
                           Integer contextLength, String quantization, String precision, int tensorParallelDegree,
                           double estimatedGpuMemoryGib) {

    /** @return what {@code deployment} runs with now */
    public static PriorHosting of(Deployment deployment) {
        HostingPlan h = deployment.hosting();
        return new PriorHosting(deployment.instanceType(), deployment.minReplicas(), deployment.maxReplicas(),
                deployment.autoScaling(), deployment.modelConfig().contextLength(),
                deployment.modelConfig().quantization(), h.precision(), h.tensorParallelDegree(),
                h.estimatedGpuMemoryGib());
    }
}
