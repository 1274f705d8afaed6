package com.securemodel.core.webhook;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * One event's delivery to one webhook: a line of the webhook's delivery log. One per (webhook, event): a duplicate
 * queue message, or a redelivery, updates the same line.
 *
 * @param attempts every attempt ever made, redeliveries included
 * @param lastResponseCode the receiver's HTTP status on the last attempt; null when it did not answer
 * @param lastError why the last attempt failed, in words (timed out, refused target, HTTP 500); null after success
 * @param nextAttemptAt when a pending delivery is tried again; null when none is planned
 */
public record WebhookDelivery(ClientId clientId, String webhookId, String eventId, EventType eventType,
                              DeliveryStatus status, int attempts, Integer lastResponseCode, String lastError,
                              Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt) {

    /** @return a new pending delivery of {@code event} to {@code webhookId} */
    public static WebhookDelivery pending(WebhookEvent event, String webhookId) {
        return new WebhookDelivery(event.clientId(), webhookId, event.id(), event.type(), DeliveryStatus.PENDING, 0,
                null, null, event.createdAt(), null, null, null);
    }

    /** @return this delivery after an attempt that ended in {@code status} */
    public WebhookDelivery attempted(DeliveryStatus next, Integer responseCode, String error, Instant at,
                                     Instant nextAttempt) {
        return new WebhookDelivery(clientId, webhookId, eventId, eventType, next, attempts + 1, responseCode, error,
                createdAt, at, nextAttempt, next == DeliveryStatus.DELIVERED ? at : deliveredAt);
    }

    /** @return this delivery queued again (a redelivery) */
    public WebhookDelivery requeued() {
        return new WebhookDelivery(clientId, webhookId, eventId, eventType, DeliveryStatus.PENDING, attempts,
                lastResponseCode, lastError, createdAt, lastAttemptAt, null, deliveredAt);
    }
}
