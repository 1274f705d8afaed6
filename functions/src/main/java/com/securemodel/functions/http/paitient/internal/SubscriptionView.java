package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.limits.SubscriptionService.Subscription;
import com.securemodel.core.limits.Tier;

/**
 * The body of {@code GET /v1/subscription}: what the SDKs read ({@code tier}, {@code usage_limit},
 * {@code current_usage}: tokens of the billing period), the period, the tier's limits and what is used of them.
 */
public record SubscriptionView(String tier, long usageLimit, long currentUsage, String periodStart,
                               String periodEnd, Limits limits, Usage usage) {

    /** The tier's limits. */
    public record Limits(int maxDeployments, int maxGpuInstances, int requestsPerMinute, long tokensPerPeriod) {
    }

    /** What the client uses now. */
    public record Usage(long tokens, long deployments, long gpuInstances) {
    }

    public static SubscriptionView of(Subscription s) {
        Tier tier = s.tier();
        return new SubscriptionView(tier.name(), tier.tokensPerPeriod(), s.tokensUsed(),
                s.period().start().toString(), s.period().end().toString(),
                new Limits(tier.maxDeployments(), tier.maxGpuInstances(), tier.requestsPerMinute(),
                        tier.tokensPerPeriod()),
                new Usage(s.tokensUsed(), s.deployments(), s.gpuInstances()));
    }
}
