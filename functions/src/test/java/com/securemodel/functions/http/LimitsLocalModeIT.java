package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.limits.TierResolver;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The limits through the whole local service (the web server, the configured tiers of
 * {@code application.properties}, the local cloud's DynamoDB): headers on real HTTP answers, the subscription of a client whose tier was set, and 429
 * once the tier's minute is spent.
 */
class LimitsLocalModeIT extends LocalModeTestSupport {

    @Autowired
    Authenticator authenticator;

    @Autowired
    TierResolver tiers;

    @Test
    void freeTierClient_seesItsSubscription_headersOnEveryAnswer_and429OnceItsMinuteIsSpent() {
        String client = "it-free-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient api = new ApiClient(baseUrl(), client, authenticator.issue(new ClientId(client)));
        tiers.assign(new ClientId(client), "free");

        ApiClient.Answer subscription = api.get("/v1/subscription");

        assertThat(subscription.status()).as(subscription.raw().body()).isEqualTo(200);
        assertThat(subscription.json().path("tier").asText()).isEqualTo("free");
        assertThat(subscription.json().path("usage_limit").asLong()).isEqualTo(100_000);
        assertThat(subscription.json().path("current_usage").asLong()).isZero();
        assertThat(subscription.json().at("/limits/requests_per_minute").asInt()).isEqualTo(60);
        assertThat(subscription.json().at("/limits/max_deployments").asInt()).isEqualTo(1);
        assertThat(subscription.header("X-RateLimit-Limit")).isEqualTo("60");
        assertThat(subscription.header("X-RateLimit-Reset")).matches("\\d{10}");

        // a window may end while this runs: keep asking until one is spent (at most two windows' worth)
        ApiClient.Answer last = subscription;
        for (int i = 0; i < 130 && last.status() == 200; i++) {
            last = api.get("/v1/deployments");
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
        assertThat(last.header("X-Request-ID")).startsWith("req_");
    }
}
