package com.securemodel.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.limits.TierCatalog;
import org.junit.jupiter.api.Test;

/** The tiers {@code exec@set-tier} checks a name against are the functions' own configuration. */
class SetTierTest {

    @Test
    void configuredTiers_areApplicationYmlsTiers_withStandardAsTheDefault() {
        TierCatalog catalog = SetTier.configuredTiers().catalog();

        assertThat(catalog.names()).containsExactly("enterprise", "free", "pro", "standard");
        assertThat(catalog.defaultTier().name()).isEqualTo("standard");
        assertThat(catalog.find("free")).get().satisfies(free -> {
            assertThat(free.maxDeployments()).isEqualTo(1);
            assertThat(free.requestsPerMinute()).isEqualTo(60);
            assertThat(free.tokensPerPeriod()).isEqualTo(100_000);
        });
    }
}
