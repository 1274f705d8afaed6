package com.securemodel.sdk;

/** One event's delivery to a webhook: {@code pending}, {@code delivered} or {@code failed}. */
public record WebhookDelivery(
        String eventId,
        String webhookId,
        String eventType,
        String status,
        int attempts,
        Integer lastResponseCode,
        String lastError,
        String createdAt,
        String lastAttemptAt,
        String nextAttemptAt,
        String deliveredAt) {
}
