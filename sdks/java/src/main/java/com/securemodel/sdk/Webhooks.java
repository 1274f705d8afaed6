package com.securemodel.sdk;

import com.securemodel.sdk.internal.Call;
import com.securemodel.sdk.internal.Transport;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhooks: signed notifications of {@code deployment.*} events (needs a key with the {@code admin} scope). Check
 * every delivery with {@link #verifySignature} before trusting it.
 */
public final class Webhooks {

    /** The signature header of a delivery: {@code t=<epoch seconds>,v1=<hex HMAC-SHA256>}. */
    public static final String SIGNATURE_HEADER = "X-PaiTIENT-Signature";

    private final Transport transport;

    Webhooks(Transport transport) {
        this.transport = transport;
    }

    /** Subscribes a URL to events; the answer's {@code secret} (shown this once) signs every delivery. */
    public Webhook create(String url, List<String> events) {
        return transport.send(Call.create("/webhooks", Map.of("url", url, "events", events), null), Webhook.class);
    }

    public List<Webhook> list() {
        return transport.sendList(Call.get("/webhooks"), "webhooks", Webhook.class);
    }

    public Webhook get(String webhookId) {
        return transport.send(Call.get(path(webhookId)), Webhook.class);
    }

    public void delete(String webhookId) {
        transport.send(Call.delete(path(webhookId)));
    }

    /** Queues a {@code webhook.test} event to this webhook only. */
    public WebhookDelivery test(String webhookId) {
        return transport.send(Call.action(path(webhookId) + "/test", null), WebhookDelivery.class);
    }

    /** The delivery log, newest first. */
    public List<WebhookDelivery> deliveries(String webhookId) {
        return transport.sendList(Call.get(path(webhookId) + "/deliveries"), "deliveries", WebhookDelivery.class);
    }

    /** Sends one event again, delivered or not. */
    public WebhookDelivery redeliver(String webhookId, String eventId) {
        return transport.send(Call.action(path(webhookId) + "/deliveries/" + Call.segment(eventId) + "/redeliver",
                null), WebhookDelivery.class);
    }

    /** {@link #verifySignature(String, String, byte[], Duration, Instant)} with 5 minutes' tolerance, now. */
    public static boolean verifySignature(String secret, String signatureHeader, byte[] rawBody) {
        return verifySignature(secret, signatureHeader, rawBody, Duration.ofMinutes(5), Instant.now());
    }

    /**
     * Whether {@code signatureHeader} ({@value #SIGNATURE_HEADER}) signs {@code rawBody} (the bytes as received, not
     * re-serialized): {@code v1} must be the hex HMAC-SHA256, keyed with the webhook's secret, of {@code t}, a dot
     * and the body (compared in constant time), and {@code t} within {@code tolerance} of {@code now} (replays).
     */
    public static boolean verifySignature(String secret, String signatureHeader, byte[] rawBody, Duration tolerance,
                                          Instant now) {
        if (secret == null || signatureHeader == null || rawBody == null) {
            return false;
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : signatureHeader.split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.putIfAbsent(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
            }
        }
        String timestamp = parts.get("t");
        String signature = parts.get("v1");
        if (timestamp == null || signature == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, timestamp, rawBody))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String path(String webhookId) {
        return "/webhooks/" + Call.segment(webhookId);
    }
}
