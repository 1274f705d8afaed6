package com.securemodel.core.gpu;

import java.util.Locale;

/**
 * The weight precisions the service serves a model in, with their memory per parameter. {@code int8} is quantized
 * at load time with fp8 weight-only kernels, which need an Ampere or newer GPU (A10G, A100): an NVIDIA T4 has no
 * runtime 8-bit path in the vLLM container, so on g4dn the ladder is fp16, then int4 (bitsandbytes NF4).
 */
public enum Precision {
    FP16(2.0), INT8(1.0), INT4(0.5);

    private final double bytesPerParameter;

    Precision(double bytesPerParameter) {
        this.bytesPerParameter = bytesPerParameter;
    }

    public double bytesPerParameter() {
        return bytesPerParameter;
    }

    /** @return {@code fp16}, {@code int8} or {@code int4}, as {@link com.securemodel.core.deployment.HostingPlan} */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the serving container can run this precision on {@code type}'s GPUs */
    public boolean runsOn(InstanceType type) {
        return this != INT8 || type.bf16();
    }

    /** @return the precision for {@code fp16}/{@code int8}/{@code int4}, or null */
    public static Precision fromWire(String word) {
        for (Precision p : values()) {
            if (p.wire().equalsIgnoreCase(word)) {
                return p;
            }
        }
        return null;
    }
}
