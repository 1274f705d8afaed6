package com.securemodel.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.limits.TierCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    @Test
    void environmentVariables_overrideATier_andTheDefault_asOnLambda() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("SECUREMODEL_TIERS_PRO_REQUESTS_PER_MINUTE", "7", "SECUREMODEL_DEFAULT_TIER", "pro")));

        TierCatalog catalog = SetTier.configuredTiers(environment).catalog();

        assertThat(catalog.defaultTier().name()).isEqualTo("pro");
        assertThat(catalog.defaultTier().requestsPerMinute()).isEqualTo(7);
        assertThat(catalog.defaultTier().maxDeployments()).isEqualTo(25);
    }
}
