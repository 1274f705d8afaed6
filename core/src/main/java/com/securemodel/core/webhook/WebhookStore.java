package com.securemodel.core.webhook;

import com.securemodel.core.tenant.ClientId;
import java.util.List;
import java.util.Optional;

/** Webhooks, their events and delivery log, every item keyed by its client. */
public interface WebhookStore {

    /** Stores a new webhook (its id is new). */
    void create(Webhook webhook);

    Optional<Webhook> find(ClientId clientId, String webhookId);

    List<Webhook> list(ClientId clientId);

    /** @return whether it existed */
    boolean delete(ClientId clientId, String webhookId);

    /** Stores an event (the body every delivery of it sends). */
    void saveEvent(WebhookEvent event);

    Optional<WebhookEvent> findEvent(ClientId clientId, String eventId);

    /** Writes a delivery log line (replacing the one of the same webhook and event). */
    void saveDelivery(WebhookDelivery delivery);

    Optional<WebhookDelivery> findDelivery(ClientId clientId, String webhookId, String eventId);

    /** @return the webhook's deliveries, in any order */
    List<WebhookDelivery> deliveries(ClientId clientId, String webhookId);
}
