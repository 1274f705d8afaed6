package com.securemodel.sdk;

/** The tier and the tokens of the billing period ({@code currentUsage} of {@code usageLimit}). */
public record Subscription(
        String tier,
        long usageLimit,
        long currentUsage,
        String periodStart,
        String periodEnd,
        Limits limits,
        PeriodUsage usage) {

    /** The tier's limits. */
    public record Limits(int maxDeployments, int maxGpuInstances, int requestsPerMinute, long tokensPerPeriod) {
    }

    /** What the client uses now: tokens of the period, live deployments and the GPU instances they hold. */
    public record PeriodUsage(long tokens, int deployments, int gpuInstances) {
    }
}
