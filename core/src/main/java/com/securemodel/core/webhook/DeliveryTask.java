package com.securemodel.core.webhook;

import com.securemodel.core.tenant.ClientId;

/** A webhook queue message: deliver event {@code eventId} to webhook {@code webhookId} (ids only). */
public record DeliveryTask(ClientId clientId, String webhookId, String eventId) {
}
