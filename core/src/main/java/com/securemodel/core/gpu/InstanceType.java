package com.securemodel.core.gpu;

/**
 * A SageMaker GPU instance type.
 *
 * @param name without the {@code ml.} prefix, for example {@code g4dn.xlarge}
 * @param gpuMemoryGib memory of ONE GPU
 * @param bf16 whether the GPU computes in bfloat16 (T4: no)
 * @param localNvme whether its volumes are local NVMe (then SageMaker rejects a KmsKeyId)
 */
public record InstanceType(String name, int gpus, String gpuModel, double gpuMemoryGib, boolean bf16,
                           boolean localNvme) {

    /** @return the SageMaker instance type, for example {@code ml.g4dn.xlarge} */
    public String sageMakerName() {
        return "ml." + name;
    }

    public double totalGpuMemoryGib() {
        return gpus * gpuMemoryGib;
    }
}
