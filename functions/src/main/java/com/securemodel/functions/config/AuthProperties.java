package com.securemodel.functions.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication settings, prefix {@code securemodel.auth}.
 *
 * @param cacheTtl how long a warm instance remembers a successful key check ({@code SECUREMODEL_AUTH_CACHE_TTL},
 *        default 60 s; zero turns the cache off): a revoked key keeps working at most this long in instances other
 *        than the one that revoked it
 */
@ConfigurationProperties("securemodel.auth")
public record AuthProperties(@DefaultValue("60s") Duration cacheTtl) {

    public AuthProperties {
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("securemodel.auth.cache-ttl must not be negative, was " + cacheTtl);
        }
    }
}
