package com.securemodel.core.model;

import java.time.Instant;

/**
 * What the service measured of a model really serving (Bytez's {@code benchmarked}): from the first load of it that
 * ran a generation of some length. Public model metadata, no tenant data.
 *
 * @param tokensPerSecond completion tokens over the whole call's time, on that instance type and precision
 * @param gpuMemoryGib the GPU memory the load was placed for (weights, KV cache, overhead)
 */
public record ModelBenchmark(String modelId, String instanceType, String precision, double tokensPerSecond,
                             double gpuMemoryGib, Instant measuredAt) {
}
