package com.securemodel.core.webhook;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Webhooks of a client (create, list, get, delete, a test delivery, redelivery, the delivery log), the events
 * deployments publish ({@link EventPublisher}) and the worker's delivery of one queued task. Every method is scoped
 * to one client: another client's webhook is {@code resource_not_found}.
 */
public final class WebhookService implements EventPublisher {

    /** Webhooks per client. */
    public static final int MAX_WEBHOOKS = 20;
    /** Lines of the delivery log answered, newest first. */
    public static final int LOG_LINES = 100;
    private static final System.Logger LOG = System.getLogger(WebhookService.class.getName());

    /** What the worker does with a task's message after {@link #deliver}. */
    public record Outcome(Kind kind, Duration retryAfter) {

        public enum Kind { DONE, RETRY, GIVE_UP }

        static final Outcome DONE = new Outcome(Kind.DONE, Duration.ZERO);
        static final Outcome GIVE_UP = new Outcome(Kind.GIVE_UP, Duration.ZERO);
    }

    /** A webhook just created, with its secret (answered this once). */
    public record Created(Webhook webhook, String secret) {
    }

    private final WebhookStore store;
    private final WebhookQueue queue;
    private final WebhookSender sender;
    private final TargetPolicy targets;
    private final Backoff backoff;
    private final Clock clock;
    private final IdGenerator ids;

    public WebhookService(WebhookStore store, WebhookQueue queue, WebhookSender sender, TargetPolicy targets,
                          Backoff backoff, Clock clock, IdGenerator ids) {
        this.store = store;
        this.queue = queue;
        this.sender = sender;
        this.targets = targets;
        this.backoff = backoff;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @param events wire names of subscribable events; at least one
     * @throws ServiceException validation_error for a URL the SSRF guard refuses or an unknown event
     */
    public Created create(ClientId clientId, String url, List<String> events) {
        String checked = targets.checkUrl(url).toString();
        if (events == null || events.isEmpty()) {
            throw ServiceException.validation("events must list at least one of " + wireNames());
        }
        Set<EventType> types = new LinkedHashSet<>();
        for (String name : events) {
            EventType type = EventType.fromWire(name);
            if (type == null) {
                throw ServiceException.validation("events: unknown event '" + name + "'; use " + wireNames());
            }
            types.add(type);
        }
        if (store.list(clientId).size() >= MAX_WEBHOOKS) {
            throw new ServiceException(ErrorCode.QUOTA_EXCEEDED, "This client already has " + MAX_WEBHOOKS
                    + " webhooks; delete one first");
        }
        byte[] secret = new byte[32];
        // a new source per secret: a process restored from a snapshot (SnapStart) must not repeat one
        new SecureRandom().nextBytes(secret);
        String secretText = "whsec_" + HexFormat.of().formatHex(secret);
        Webhook webhook = new Webhook(clientId, ids.next("wh"), checked, types, secretText, clock.instant());
        store.create(webhook);
        return new Created(webhook, secretText);
    }

    public List<Webhook> list(ClientId clientId) {
        return store.list(clientId).stream().sorted(Comparator.comparing(Webhook::createdAt)
                .thenComparing(Webhook::id).reversed()).toList();
    }

    /** @throws ServiceException resource_not_found for an unknown (or foreign) id */
    public Webhook get(ClientId clientId, String webhookId) {
        return store.find(clientId, webhookId).orElseThrow(() -> ServiceException.notFound("Webhook " + webhookId
                + " not found; GET /v1/webhooks lists this client's webhooks"));
    }

    /** Deletes the webhook; deliveries still queued for it are dropped by the worker. */
    public Webhook delete(ClientId clientId, String webhookId) {
        Webhook webhook = get(clientId, webhookId);
        store.delete(clientId, webhookId);
        return webhook;
    }

    /** Queues a {@code webhook.test} event to this webhook alone; it shows in its delivery log like any other. */
    public WebhookDelivery test(ClientId clientId, String webhookId) {
        Webhook webhook = get(clientId, webhookId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_id", webhook.id());
        data.put("message", "This is a test delivery from PaiTIENT");
        WebhookEvent event = new WebhookEvent(clientId, ids.next("evt"), EventType.WEBHOOK_TEST, clock.instant(),
                data);
        store.saveEvent(event);
        return enqueue(WebhookDelivery.pending(event, webhook.id()));
    }

    /**
     * Queues the event to the webhook again, whatever its delivery's status (a delivered one is sent once more).
     *
     * @throws ServiceException resource_not_found when the webhook never had a delivery of the event
     */
    public WebhookDelivery redeliver(ClientId clientId, String webhookId, String eventId) {
        get(clientId, webhookId);
        WebhookDelivery delivery = store.findDelivery(clientId, webhookId, eventId)
                .filter(d -> store.findEvent(clientId, eventId).isPresent())
                .orElseThrow(() -> ServiceException.notFound("Event " + eventId + " was not delivered to webhook "
                        + webhookId + " (or is older than its retention); GET /v1/webhooks/" + webhookId
                        + "/deliveries lists its events"));
        return enqueue(delivery.requeued());
    }

    /** @return the webhook's delivery log, newest first, at most {@value #LOG_LINES} lines */
    public List<WebhookDelivery> deliveries(ClientId clientId, String webhookId) {
        get(clientId, webhookId);
        return store.deliveries(clientId, webhookId).stream()
                .sorted(Comparator.comparing(WebhookDelivery::createdAt).thenComparing(WebhookDelivery::eventId)
                        .reversed())
                .limit(LOG_LINES).toList();
    }

    /**
     * Stores the event and queues one delivery per webhook of the client that subscribed to it. Best effort: a
     * failure is logged (without the event's data) and swallowed, so the deployment change that happened stands.
     */
    @Override
    public void publish(ClientId clientId, EventType type, String deploymentId, Map<String, Object> data) {
        try {
            List<Webhook> subscribed = store.list(clientId).stream().filter(w -> w.wants(type)).toList();
            if (subscribed.isEmpty()) {
                return;
            }
            WebhookEvent event = new WebhookEvent(clientId, ids.next("evt"), type, clock.instant(), data);
            store.saveEvent(event);
            for (Webhook webhook : subscribed) {
                enqueue(WebhookDelivery.pending(event, webhook.id()));
            }
        } catch (RuntimeException lost) {
            LOG.log(System.Logger.Level.WARNING, "Event {0} of deployment {1} could not be queued to webhooks: {2}",
                    type.wire(), deploymentId, lost.getClass().getSimpleName());
        }
    }

    private WebhookDelivery enqueue(WebhookDelivery delivery) {
        store.saveDelivery(delivery);
        queue.send(new DeliveryTask(delivery.clientId(), delivery.webhookId(), delivery.eventId()));
        return delivery;
    }

    /**
     * One attempt of a queued delivery. A delivered one (a duplicate message) is not sent again; one whose webhook
     * or event is gone is dropped.
     *
     * @param attempt this message's receive count: 1 for the first attempt of a (re)delivery
     */
    public Outcome deliver(DeliveryTask task, int attempt) {
        WebhookDelivery delivery = store.findDelivery(task.clientId(), task.webhookId(), task.eventId()).orElse(null);
        if (delivery == null || delivery.status() == DeliveryStatus.DELIVERED) {
            return Outcome.DONE;
        }
        if (attempt > backoff.maxAttempts()) {
            return Outcome.GIVE_UP;
        }
        Webhook webhook = store.find(task.clientId(), task.webhookId()).orElse(null);
        WebhookEvent event = store.findEvent(task.clientId(), task.eventId()).orElse(null);
        if (webhook == null || event == null) {
            return Outcome.DONE;
        }
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        Instant now = clock.instant();
        Integer code = null;
        String error;
        try {
            code = sender.post(webhook.url(), headers(webhook, event, body, now, attempt), body);
            error = code >= 200 && code < 300 ? null : "HTTP " + code;
        } catch (WebhookSender.DeliveryFailedException e) {
            error = e.getMessage();
        }
        if (error == null) {
            store.saveDelivery(delivery.attempted(DeliveryStatus.DELIVERED, code, null, now, null));
            return Outcome.DONE;
        }
        if (attempt >= backoff.maxAttempts()) {
            store.saveDelivery(delivery.attempted(DeliveryStatus.FAILED, code, error, now, null));
            return Outcome.GIVE_UP;
        }
        Duration wait = backoff.delayAfter(attempt);
        store.saveDelivery(delivery.attempted(DeliveryStatus.PENDING, code, error, now, now.plus(wait)));
        return new Outcome(Outcome.Kind.RETRY, wait);
    }

    private static Map<String, String> headers(Webhook webhook, WebhookEvent event, byte[] body, Instant now,
                                               int attempt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "PaiTIENT-Webhooks/1");
        headers.put("X-PaiTIENT-Event-Id", event.id());
        headers.put("X-PaiTIENT-Event-Type", event.type().wire());
        headers.put("X-PaiTIENT-Webhook-Id", webhook.id());
        headers.put("X-PaiTIENT-Delivery-Attempt", Integer.toString(attempt));
        headers.put(Signatures.HEADER, Signatures.header(webhook.secret(), now.getEpochSecond(), body));
        return headers;
    }

    private static String wireNames() {
        return String.join(", ", EventType.subscribable().stream().map(EventType::wire).toList());
    }
}
