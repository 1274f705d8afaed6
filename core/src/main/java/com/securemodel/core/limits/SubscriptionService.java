package com.securemodel.core.limits;

import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.BillingPeriod;
import java.time.Clock;

/** {@code GET /v1/subscription}: a client's tier, its limits and what it uses of them now. */
public final class SubscriptionService {

    /**
     * @param tokensUsed prompt plus completion tokens of the period, every dialect and instance (flushed usage)
     * @param deployments live deployments now, and the GPU instances they hold
     */
    public record Subscription(Tier tier, BillingPeriod period, long tokensUsed, long deployments,
                               long gpuInstances) {
    }

    private final TierResolver tiers;
    private final TokenQuota tokens;
    private final DeploymentQuota deployments;
    private final Clock clock;

    public SubscriptionService(TierResolver tiers, TokenQuota tokens, DeploymentQuota deployments, Clock clock) {
        this.tiers = tiers;
        this.tokens = tokens;
        this.deployments = deployments;
        this.clock = clock;
    }

    public Subscription get(ClientId clientId) {
        Tier tier = tiers.tierOf(clientId);
        BillingPeriod period = BillingPeriod.of(clock.instant());
        DeploymentQuota.Usage usage = deployments.usage(clientId);
        return new Subscription(tier, period, tokens.used(clientId, period, true), usage.deployments(),
                usage.gpuInstances());
    }
}
