package com.securemodel.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code securemodel.auth.cache-ttl} (on Lambda {@code SECUREMODEL_AUTH_CACHE_TTL}) binds, 60 s when unset. */
class AuthPropertiesTest {

    private static AuthProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("securemodel.auth", AuthProperties.class);
    }

    @Test
    void cacheTtl_isSixtySecondsByDefault_andConfigurable() {
        assertThat(bind(Map.of()).cacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(bind(Map.of("securemodel.auth.cache-ttl", "2s")).cacheTtl()).isEqualTo(Duration.ofSeconds(2));
        assertThat(bind(Map.of("securemodel.auth.cache-ttl", "0s")).cacheTtl()).isZero();
    }

    @Test
    void cacheTtl_negative_isRefusedAtStart() {
        assertThatThrownBy(() -> bind(Map.of("securemodel.auth.cache-ttl", "-1s")))
                .hasStackTraceContaining("must not be negative");
    }
}
