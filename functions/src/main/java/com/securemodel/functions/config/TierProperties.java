package com.securemodel.functions.config;

import com.securemodel.core.limits.Tier;
import com.securemodel.core.limits.TierCatalog;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The subscription tiers, prefix {@code securemodel}: {@code securemodel.tiers.<name>.max-deployments},
 * {@code max-gpu-instances}, {@code requests-per-minute}, {@code tokens-per-period}, and
 * {@code securemodel.default-tier}, the tier of clients without one ({@code application.properties} defines the
 * tiers; on Lambda {@code SECUREMODEL_DEFAULT_TIER} and {@code SECUREMODEL_TIERS_<NAME>_REQUESTS_PER_MINUTE} and so
 * on override them).
 *
 * @param tierCacheTtl how long an instance remembers a client's tier (a tier change applies within it)
 * @param usageReadTtl how long an instance reuses a client's stored token total between two reads
 */
@ConfigurationProperties("securemodel")
public record TierProperties(Map<String, Limits> tiers, @DefaultValue("standard") String defaultTier,
                             @DefaultValue("60s") Duration tierCacheTtl, @DefaultValue("5s") Duration usageReadTtl) {

    /** One tier's limits. */
    public record Limits(int maxDeployments, int maxGpuInstances, int requestsPerMinute, long tokensPerPeriod) {
    }

    /** @return the configured tiers; an unlimited default when none is configured */
    public TierCatalog catalog() {
        if (tiers == null || tiers.isEmpty()) {
            return TierCatalog.unlimited();
        }
        return new TierCatalog(tiers.entrySet().stream().map(e -> new Tier(e.getKey(), e.getValue().maxDeployments(),
                e.getValue().maxGpuInstances(), e.getValue().requestsPerMinute(), e.getValue().tokensPerPeriod()))
                .toList(), defaultTier);
    }
}
