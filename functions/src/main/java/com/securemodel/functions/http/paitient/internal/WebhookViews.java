package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.webhook.EventType;
import com.securemodel.core.webhook.Webhook;
import com.securemodel.core.webhook.WebhookDelivery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The bodies of the {@code /v1/webhooks} routes (the secret only in the create answer). */
public final class WebhookViews {

    private WebhookViews() {
    }

    /** A webhook; {@code secret} is set in the answer to its create only. */
    public record WebhookView(String id, String webhookId, String url, List<String> events, String secret,
                              String createdAt) {
    }

    /** {@code GET /v1/webhooks}. */
    public record WebhookList(List<WebhookView> webhooks, int total) {
    }

    /** {@code DELETE /v1/webhooks/{webhook_id}}. */
    public record Deleted(String id, String webhookId, boolean deleted) {
    }

    /** A line of the delivery log, and the answer to a test delivery or a redelivery (status {@code pending}). */
    public record DeliveryView(String eventId, String webhookId, String eventType, String status, int attempts,
                               Integer lastResponseCode, String lastError, String createdAt, String lastAttemptAt,
                               String nextAttemptAt, String deliveredAt) {
    }

    /** {@code GET /v1/webhooks/{webhook_id}/deliveries}. */
    public record DeliveryList(List<DeliveryView> deliveries) {
    }

    static WebhookView of(Webhook webhook, String secret) {
        return new WebhookView(webhook.id(), webhook.id(), webhook.url(), webhook.events().stream()
                .sorted().map(EventType::wire).toList(), secret, time(webhook.createdAt()));
    }

    static DeliveryView of(WebhookDelivery d) {
        return new DeliveryView(d.eventId(), d.webhookId(), d.eventType().wire(), d.status().wire(), d.attempts(),
                d.lastResponseCode(), d.lastError(), time(d.createdAt()), time(d.lastAttemptAt()),
                time(d.nextAttemptAt()), time(d.deliveredAt()));
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
