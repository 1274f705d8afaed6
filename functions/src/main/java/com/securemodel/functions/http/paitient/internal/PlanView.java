package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.deployment.DeploymentService;

/**
 * {@code POST /v1/deployments/plan}: the GPU-fit planner's answer for a create body, nothing created. When it fits,
 * the precision and tensor parallelism it would use and the GPU memory needed against what the instance has; when it
 * does not, {@code reason} says why (the message a create would answer).
 */
public record PlanView(boolean fits, String modelId, String instanceType, String precision,
                       Integer tensorParallelDegree, Double estimatedGpuMemoryGib, double usableGpuMemoryGib,
                       int gpuInstances, String reason) {

    public static PlanView of(DeploymentService.Plan plan) {
        return new PlanView(plan.fits(), plan.modelId(), plan.instanceType(), plan.precision(),
                plan.fits() ? plan.tensorParallelDegree() : null,
                plan.fits() ? Math.round(plan.estimatedGpuMemoryGib() * 10) / 10.0 : null,
                Math.round(plan.usableGpuMemoryGib() * 10) / 10.0, plan.gpuInstances(), plan.reason());
    }
}
