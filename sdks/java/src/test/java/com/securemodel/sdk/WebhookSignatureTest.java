package com.securemodel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signature check against a value computed independently ({@code openssl dgst -sha256 -hmac}). */
class WebhookSignatureTest {

    private static final String SECRET = "whsec_test";
    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    // printf '1764651600.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test
    private static final String V1 = "35ea15fb7a20a707d70b19317e73199e507830cbe6d93eb7a81b809fdc228b83";
    private static final Instant AT = Instant.ofEpochSecond(1764651600L);

    @Test
    void verifySignature_acceptsTheServicesScheme_andRefusesTamperingAndOldTimestamps() {
        String header = "t=1764651600,v1=" + V1;

        assertThat(Webhooks.verifySignature(SECRET, header, BODY, Duration.ofMinutes(5), AT)).isTrue();
        assertThat(Webhooks.verifySignature(SECRET, header, BODY, Duration.ofMinutes(5), AT.plusSeconds(301)))
                .isFalse();
        assertThat(Webhooks.verifySignature("whsec_other", header, BODY, Duration.ofMinutes(5), AT)).isFalse();
        assertThat(Webhooks.verifySignature(SECRET, header, "{}".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5), AT)).isFalse();
        assertThat(Webhooks.verifySignature(SECRET, "t=1764651601,v1=" + V1, BODY, Duration.ofMinutes(5), AT))
                .isFalse();
        assertThat(Webhooks.verifySignature(SECRET, "v1=" + V1, BODY, Duration.ofMinutes(5), AT)).isFalse();
        assertThat(Webhooks.verifySignature(SECRET, "garbage", BODY, Duration.ofMinutes(5), AT)).isFalse();
    }
}
