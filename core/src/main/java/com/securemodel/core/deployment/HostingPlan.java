package com.securemodel.core.deployment;

/**
 * How a deployment is hosted, decided at create time by the GPU fit check and kept with the deployment.
 *
 * @param precision {@code fp16}, {@code int8} or {@code int4}
 * @param tensorParallelDegree GPUs the model is sharded across (1 on single-GPU instances)
 * @param estimatedGpuMemoryGib what the model needs, weights plus KV cache and overhead
 * @param endpointName the SageMaker endpoint name, derived from the deployment id
 */
public record HostingPlan(String precision, int tensorParallelDegree, double estimatedGpuMemoryGib,
                          String endpointName) {
}
