package com.securemodel.functions.aws;

import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.n;
import static com.securemodel.functions.aws.internal.Attributes.s;

import com.securemodel.core.endpoint.Endpoint;
import com.securemodel.core.endpoint.EndpointNameTakenException;
import com.securemodel.core.endpoint.EndpointStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Endpoints and canary endpoints, two items each: {@code pk = CLIENT#<clientId>}, {@code sk = ENDPOINT#<id>} (the
 * endpoint and its targets) and the name claim {@code sk = EPNAME#<name>} (name to id), written and deleted together
 * in one transaction whose puts are conditional on {@code attribute_not_exists(pk)}: a second endpoint of the same
 * name for the same client fails its claim. Updates are conditional on the version read. See
 * {@code docs/data-model.md}.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html">Transactions</a>
 */
public final class DynamoDbEndpointStore implements EndpointStore {

    static final String SK_PREFIX = "ENDPOINT#";
    static final String NAME_PREFIX = "EPNAME#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbEndpointStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Endpoint create(Endpoint endpoint) {
        Map<String, AttributeValue> claim = Attributes.builder()
                .s("pk", DeploymentItems.pk(endpoint.clientId())).s("sk", NAME_PREFIX + endpoint.name())
                .s("type", "endpoint-name").s("clientId", endpoint.clientId().value()).s("name", endpoint.name())
                .s("endpointId", endpoint.id()).build();
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(endpoint))
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(claim)
                            .conditionExpression("attribute_not_exists(pk)")).build()));
            return endpoint;
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 1)) {
                throw new EndpointNameTakenException(endpoint.name(), e);
            }
            if (failedCondition(e, 0)) {
                throw new ConcurrentUpdateException("Endpoint " + endpoint.id() + " already exists", e);
            }
            if (conflicted(e) && DynamoDbReads.item(dynamoDb, table, key(endpoint.clientId(),
                    NAME_PREFIX + endpoint.name()), true, "read endpoint name").isPresent()) {
                // two creates of one name at once: DynamoDB cancels one as a conflict; the other holds the name
                throw new EndpointNameTakenException(endpoint.name(), e);
            }
            throw DynamoDbErrors.unavailable("create endpoint", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("create endpoint", e);
        }
    }

    @Override
    public Optional<Endpoint> find(ClientId clientId, String endpointId) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, SK_PREFIX + endpointId), true, "read endpoint")
                .map(DynamoDbEndpointStore::fromItem);
    }

    @Override
    public Optional<Endpoint> findByName(ClientId clientId, String name) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, NAME_PREFIX + name), true, "read endpoint name")
                .flatMap(claim -> find(clientId, s(claim, "endpointId")));
    }

    @Override
    public List<Endpoint> list(ClientId clientId) {
        try {
            return dynamoDb.queryPaginator(b -> b.tableName(table)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                                    ":prefix", AttributeValue.fromS(SK_PREFIX))))
                    .items().stream().map(DynamoDbEndpointStore::fromItem).toList();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("list endpoints", e);
        }
    }

    @Override
    public Endpoint update(Endpoint endpoint) {
        Endpoint next = endpoint.nextVersion();
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(toItem(next))
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":expected",
                            AttributeValue.fromN(Long.toString(endpoint.version())))));
            return next;
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException("Endpoint " + endpoint.id() + " changed or was deleted since version "
                    + endpoint.version() + " was read", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("update endpoint", e);
        }
    }

    /**
     * Deletes the endpoint and, in the same transaction, its name claim unless the claim already belongs to a newer
     * endpoint of that name (then this one was deleted before, and only its item, if any, goes).
     */
    @Override
    public void delete(Endpoint endpoint) {
        Map<String, AttributeValue> item = key(endpoint.clientId(), SK_PREFIX + endpoint.id());
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(item)).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table)
                            .key(key(endpoint.clientId(), NAME_PREFIX + endpoint.name()))
                            .conditionExpression("attribute_not_exists(pk) OR endpointId = :id")
                            .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(endpoint.id())))).build()));
        } catch (TransactionCanceledException e) {
            if (!failedCondition(e, 1)) {
                throw DynamoDbErrors.unavailable("delete endpoint", e);
            }
            try {
                dynamoDb.deleteItem(b -> b.tableName(table).key(item));
            } catch (SdkException again) {
                throw DynamoDbErrors.unavailable("delete endpoint", again);
            }
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("delete endpoint", e);
        }
    }

    private static boolean conflicted(TransactionCanceledException e) {
        return e.cancellationReasons() != null
                && e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    private static boolean failedCondition(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> key(ClientId clientId, String sk) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)), "sk", AttributeValue.fromS(sk));
    }

    static Map<String, AttributeValue> toItem(Endpoint e) {
        List<AttributeValue> targets = e.targets().stream().map(t -> AttributeValue.fromM(Map.of(
                "deploymentId", AttributeValue.fromS(t.deploymentId()),
                "trafficPercentage", AttributeValue.fromN(Integer.toString(t.trafficPercentage()))))).toList();
        Map<String, AttributeValue> item = new java.util.HashMap<>(Attributes.builder()
                .s("pk", DeploymentItems.pk(e.clientId())).s("sk", SK_PREFIX + e.id()).s("type", "endpoint")
                .s("clientId", e.clientId().value()).s("id", e.id()).s("name", e.name())
                .s("kind", e.kind().name().toLowerCase(Locale.ROOT))
                .instant("createdAt", e.createdAt()).instant("updatedAt", e.updatedAt()).n("version", e.version())
                .build());
        item.put("targets", AttributeValue.fromL(targets));
        return item;
    }

    static Endpoint fromItem(Map<String, AttributeValue> item) {
        List<Endpoint.Target> targets = item.get("targets").l().stream().map(AttributeValue::m)
                .map(t -> new Endpoint.Target(s(t, "deploymentId"), Attributes.i(t, "trafficPercentage"))).toList();
        return new Endpoint(new ClientId(s(item, "clientId")), s(item, "id"), s(item, "name"),
                Endpoint.Kind.valueOf(s(item, "kind").toUpperCase(Locale.ROOT)), targets, instant(item, "createdAt"),
                instant(item, "updatedAt"), n(item, "version"));
    }
}
