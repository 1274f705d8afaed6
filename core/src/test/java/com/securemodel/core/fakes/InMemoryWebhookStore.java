package com.securemodel.core.fakes;

import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.webhook.Webhook;
import com.securemodel.core.webhook.WebhookDelivery;
import com.securemodel.core.webhook.WebhookEvent;
import com.securemodel.core.webhook.WebhookStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link WebhookStore} in maps, keyed like the table: client id first. */
public class InMemoryWebhookStore implements WebhookStore {

    private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();
    private final Map<String, WebhookEvent> events = new ConcurrentHashMap<>();
    private final Map<String, WebhookDelivery> deliveries = new ConcurrentHashMap<>();

    private static String key(ClientId clientId, String... parts) {
        return clientId.value() + "#" + String.join("#", parts);
    }

    @Override
    public void create(Webhook webhook) {
        webhooks.put(key(webhook.clientId(), webhook.id()), webhook);
    }

    @Override
    public Optional<Webhook> find(ClientId clientId, String webhookId) {
        return Optional.ofNullable(webhooks.get(key(clientId, webhookId)));
    }

    @Override
    public List<Webhook> list(ClientId clientId) {
        return new ArrayList<>(webhooks.values().stream().filter(w -> w.clientId().equals(clientId)).toList());
    }

    @Override
    public boolean delete(ClientId clientId, String webhookId) {
        return webhooks.remove(key(clientId, webhookId)) != null;
    }

    @Override
    public void saveEvent(WebhookEvent event) {
        events.put(key(event.clientId(), event.id()), event);
    }

    @Override
    public Optional<WebhookEvent> findEvent(ClientId clientId, String eventId) {
        return Optional.ofNullable(events.get(key(clientId, eventId)));
    }

    @Override
    public void saveDelivery(WebhookDelivery delivery) {
        deliveries.put(key(delivery.clientId(), delivery.webhookId(), delivery.eventId()), delivery);
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(ClientId clientId, String webhookId, String eventId) {
        return Optional.ofNullable(deliveries.get(key(clientId, webhookId, eventId)));
    }

    @Override
    public List<WebhookDelivery> deliveries(ClientId clientId, String webhookId) {
        return deliveries.values().stream().filter(d -> d.clientId().equals(clientId)
                && d.webhookId().equals(webhookId)).toList();
    }

    /** @return every event stored, of every client */
    public List<WebhookEvent> events() {
        return List.copyOf(events.values());
    }
}
