package com.securemodel.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BackoffAndSignaturesTest {

    @Test
    void defaultBackoff_doublesFrom30Seconds_capsAt6Hours_andSpansAboutADay() {
        Backoff backoff = Backoff.DEFAULT;

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delayAfter(10)).isEqualTo(Duration.ofMinutes(256));
        assertThat(backoff.delayAfter(11)).isEqualTo(Duration.ofHours(6));
        assertThat(backoff.delayAfter(13)).isEqualTo(Duration.ofHours(6));
        assertThat(backoff.span()).isBetween(Duration.ofHours(20), Duration.ofHours(30));
    }

    @Test
    void signature_isHmacSha256OfTimestampDotBody_andVerifies() throws Exception {
        byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec_k".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("1700000000.{\"id\":\"evt_1\"}"
                .getBytes(StandardCharsets.UTF_8)));

        String header = Signatures.header("whsec_k", 1_700_000_000L, body);

        assertThat(header).isEqualTo("t=1700000000,v1=" + expected);
        assertThat(Signatures.verify("whsec_k", header, body)).isTrue();
        assertThat(Signatures.verify("whsec_other", header, body)).isFalse();
        assertThat(Signatures.verify("whsec_k", header, "{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(Signatures.verify("whsec_k", header.replace("t=1700000000", "t=1700000001"), body)).isFalse();
    }

    @Test
    void eventBody_isJsonWithEscapedText() {
        var event = new WebhookEvent(new com.securemodel.core.tenant.ClientId("c1"), "evt_1",
                EventType.DEPLOYMENT_ERROR, java.time.Instant.parse("2026-01-02T03:04:05Z"),
                java.util.Map.of("error", "a \"quoted\"\nline"));

        assertThat(event.body()).isEqualTo("{\"id\":\"evt_1\",\"type\":\"deployment.error\",\"created_at\":"
                + "\"2026-01-02T03:04:05Z\",\"data\":{\"error\":\"a \\\"quoted\\\"\\nline\"}}");
    }
}
