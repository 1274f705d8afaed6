package com.securemodel.core.batch;

/**
 * What a finished file reports in {@code <name>.summary.json}.
 *
 * @param wallSeconds from the first line started to the last committed
 * @param generationSeconds time spent generating, summed over every run (a resumed file counts each run)
 * @param tokensPerSecond completion tokens per second of generation
 * @param costEstimateUsd instance-hours of generation at the instance type's on-demand price, or null when unknown
 */
public record BatchSummary(String batchId, String status, String inputKey, long lines, long succeeded,
                           long failed, long promptTokens, long completionTokens, double wallSeconds,
                           double generationSeconds, double tokensPerSecond, String instanceType, int instances,
                           Double costEstimateUsd) {
}
