package com.securemodel.core.gpu;

import java.util.List;
import java.util.Optional;

/** The GPU instance types the service knows (g4dn at least), by name without {@code ml.}. */
public final class InstanceCatalog {

    private final List<InstanceType> types;

    public InstanceCatalog(List<InstanceType> types) {
        this.types = List.copyOf(types);
    }

    /**
     * g4dn (NVIDIA T4, no bf16), g5 (NVIDIA A10G) and p4d (A100 40 GB), cheapest first within each GPU count.
     * {@code gpuMemoryGib} is the memory a process can use, not the marketing size: a 16 GB T4 offers about
     * 15 GiB, a 24 GB A10G about 22 GiB, a 40 GB A100 about 39 GiB. g4dn and g5 volumes are local NVMe
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/host-instance-storage.html">host instance
     * storage</a>), p4d too.
     */
    public static InstanceCatalog builtIn() {
        return new InstanceCatalog(List.of(
                t4("g4dn.xlarge", 1), t4("g4dn.2xlarge", 1), t4("g4dn.4xlarge", 1), t4("g4dn.8xlarge", 1),
                t4("g4dn.16xlarge", 1), t4("g4dn.12xlarge", 4), t4("g4dn.metal", 8),
                a10g("g5.xlarge", 1), a10g("g5.2xlarge", 1), a10g("g5.4xlarge", 1), a10g("g5.8xlarge", 1),
                a10g("g5.16xlarge", 1), a10g("g5.12xlarge", 4), a10g("g5.24xlarge", 4), a10g("g5.48xlarge", 8),
                new InstanceType("p4d.24xlarge", 8, "NVIDIA A100 40GB", 39.0, true, true)));
    }

    private static InstanceType t4(String name, int gpus) {
        return new InstanceType(name, gpus, "NVIDIA T4", 15.0, false, true);
    }

    private static InstanceType a10g(String name, int gpus) {
        return new InstanceType(name, gpus, "NVIDIA A10G", 22.0, true, true);
    }

    public List<InstanceType> list() {
        return types;
    }

    /** @return every type name, comma separated, for messages that list what exists */
    public String names() {
        return String.join(", ", types.stream().map(InstanceType::name).toList());
    }

    /** Accepts {@code g4dn.xlarge} and {@code ml.g4dn.xlarge}. */
    public Optional<InstanceType> find(String name) {
        String plain = name != null && name.startsWith("ml.") ? name.substring(3) : name;
        return types.stream().filter(t -> t.name().equals(plain)).findFirst();
    }
}
