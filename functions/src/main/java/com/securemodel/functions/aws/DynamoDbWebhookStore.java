package com.securemodel.functions.aws;

import static com.securemodel.functions.aws.internal.Attributes.i;
import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.s;
import static com.securemodel.functions.aws.internal.Attributes.strings;

import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.webhook.DeliveryStatus;
import com.securemodel.core.webhook.EventType;
import com.securemodel.core.webhook.Webhook;
import com.securemodel.core.webhook.WebhookDelivery;
import com.securemodel.core.webhook.WebhookEvent;
import com.securemodel.core.webhook.WebhookStore;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Webhooks ({@code sk = WEBHOOK#<id>}), their events ({@code WHEVENT#<id>}) and delivery log
 * ({@code WHDELIVERY#<webhook id>#<event id>}), all under {@code pk = CLIENT#<clientId>}; events and deliveries
 * expire after {@link #RETENTION}. See {@code docs/data-model.md}.
 */
public final class DynamoDbWebhookStore implements WebhookStore {

    /** How long events and delivery log lines are kept (a redelivery can reach back this far). */
    public static final Duration RETENTION = Duration.ofDays(30);
    private static final String WEBHOOK = "WEBHOOK#";
    private static final String EVENT = "WHEVENT#";
    private static final String DELIVERY = "WHDELIVERY#";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoDbWebhookStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void create(Webhook webhook) {
        Map<String, AttributeValue> item = Attributes.builder()
                .s("pk", DeploymentItems.pk(webhook.clientId())).s("sk", WEBHOOK + webhook.id()).s("type", "webhook")
                .s("clientId", webhook.clientId().value()).s("id", webhook.id()).s("url", webhook.url())
                .strings("events", webhook.events().stream().map(EventType::wire).sorted().toList())
                .s("secret", webhook.secret()).instant("createdAt", webhook.createdAt())
                .build();
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException("Webhook " + webhook.id() + " exists", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("create webhook", e);
        }
    }

    @Override
    public Optional<Webhook> find(ClientId clientId, String webhookId) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, WEBHOOK + webhookId), true, "read webhook")
                .map(DynamoDbWebhookStore::webhook);
    }

    @Override
    public List<Webhook> list(ClientId clientId) {
        return query(clientId, WEBHOOK, DynamoDbWebhookStore::webhook, "list webhooks");
    }

    @Override
    public boolean delete(ClientId clientId, String webhookId) {
        try {
            return dynamoDb.deleteItem(b -> b.tableName(table).key(key(clientId, WEBHOOK + webhookId))
                    .returnValues(ReturnValue.ALL_OLD)).hasAttributes();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("delete webhook", e);
        }
    }

    @Override
    public void saveEvent(WebhookEvent event) {
        Map<String, AttributeValue> data = new LinkedHashMap<>();
        event.data().forEach((name, value) -> data.put(name, value instanceof Number number
                ? AttributeValue.fromN(number.toString()) : value instanceof Boolean bool ? AttributeValue.fromBool(bool)
                : AttributeValue.fromS(value.toString())));
        put(Attributes.builder().s("pk", DeploymentItems.pk(event.clientId())).s("sk", EVENT + event.id())
                .s("type", "webhook_event").s("id", event.id()).s("eventType", event.type().name())
                .instant("createdAt", event.createdAt()).map("data", data)
                .n("ttl", event.createdAt().plus(RETENTION).getEpochSecond()).build(), "store webhook event");
    }

    @Override
    public Optional<WebhookEvent> findEvent(ClientId clientId, String eventId) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, EVENT + eventId), true, "read webhook event")
                .map(item -> new WebhookEvent(clientId, s(item, "id"), EventType.valueOf(s(item, "eventType")),
                        instant(item, "createdAt"), data(Attributes.map(item, "data"))));
    }

    @Override
    public void saveDelivery(WebhookDelivery d) {
        put(Attributes.builder().s("pk", DeploymentItems.pk(d.clientId()))
                .s("sk", DELIVERY + d.webhookId() + "#" + d.eventId()).s("type", "webhook_delivery")
                .s("webhookId", d.webhookId()).s("eventId", d.eventId()).s("eventType", d.eventType().name())
                .s("status", d.status().wire()).n("attempts", d.attempts()).n("lastResponseCode", d.lastResponseCode())
                .s("lastError", d.lastError()).instant("createdAt", d.createdAt())
                .instant("lastAttemptAt", d.lastAttemptAt()).instant("nextAttemptAt", d.nextAttemptAt())
                .instant("deliveredAt", d.deliveredAt())
                .n("ttl", clock.instant().plus(RETENTION).getEpochSecond()).build(), "store webhook delivery");
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(ClientId clientId, String webhookId, String eventId) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, DELIVERY + webhookId + "#" + eventId), true,
                "read webhook delivery").map(item -> delivery(clientId, item));
    }

    @Override
    public List<WebhookDelivery> deliveries(ClientId clientId, String webhookId) {
        return query(clientId, DELIVERY + webhookId + "#", item -> delivery(clientId, item), "list webhook deliveries");
    }

    private <T> List<T> query(ClientId clientId, String prefix, Function<Map<String, AttributeValue>, T> read,
                              String what) {
        List<T> all = new ArrayList<>();
        try {
            dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                            ":sk", AttributeValue.fromS(prefix))))
                    .items().forEach(item -> all.add(read.apply(item)));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable(what, e);
        }
        return all;
    }

    private void put(Map<String, AttributeValue> item, String what) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable(what, e);
        }
    }

    private static Map<String, AttributeValue> key(ClientId clientId, String sk) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)), "sk", AttributeValue.fromS(sk));
    }

    private static Webhook webhook(Map<String, AttributeValue> item) {
        Set<EventType> events = new LinkedHashSet<>();
        strings(item, "events").stream().map(EventType::fromWire).filter(t -> t != null).forEach(events::add);
        return new Webhook(new ClientId(s(item, "clientId")), s(item, "id"), s(item, "url"), events,
                s(item, "secret"), instant(item, "createdAt"));
    }

    private static WebhookDelivery delivery(ClientId clientId, Map<String, AttributeValue> item) {
        return new WebhookDelivery(clientId, s(item, "webhookId"), s(item, "eventId"),
                EventType.valueOf(s(item, "eventType")), DeliveryStatus.fromWire(s(item, "status")),
                i(item, "attempts"), i(item, "lastResponseCode"), s(item, "lastError"), instant(item, "createdAt"),
                instant(item, "lastAttemptAt"), instant(item, "nextAttemptAt"), instant(item, "deliveredAt"));
    }

    /** The event's data in name order (DynamoDB maps keep none): strings, whole numbers, decimals, booleans. */
    private static Map<String, Object> data(Map<String, AttributeValue> stored) {
        Map<String, Object> data = new TreeMap<>();
        if (stored != null) {
            stored.forEach((name, value) -> data.put(name, value.s() != null ? value.s() : value.bool() != null
                    ? value.bool() : number(value.n())));
        }
        return data;
    }

    private static Object number(String text) {
        BigDecimal number = new BigDecimal(text);
        return number.scale() <= 0 ? (Object) number.longValueExact() : number.doubleValue();
    }
}
