package com.securemodel.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.limits.Tier;
import com.securemodel.core.limits.TierCatalog;
import com.securemodel.functions.config.TierProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner enforces the same tiers as the functions: their application.properties, with the same overrides. */
class RunnerTiersTest {

    @Test
    void readsTheFunctionsTiers() {
        TierProperties tiers = RunnerTiers.load(Map.of());
        TierCatalog catalog = tiers.catalog();

        assertThat(tiers.defaultTier()).isEqualTo("standard");
        assertThat(catalog.find("free")).map(Tier::tokensPerPeriod).contains(100_000L);
        assertThat(catalog.find("pro")).map(Tier::tokensPerPeriod).contains(100_000_000L);
    }

    @Test
    void theEnvironmentOverridesATierAsOnLambda() {
        TierProperties tiers = RunnerTiers.load(Map.of("SECUREMODEL_TIERS_FREE_TOKENS_PER_PERIOD", "42",
                "SECUREMODEL_DEFAULT_TIER", "free"));

        assertThat(tiers.defaultTier()).isEqualTo("free");
        assertThat(tiers.catalog().find("free")).map(Tier::tokensPerPeriod).contains(42L);
    }
}
