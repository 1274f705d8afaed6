package com.securemodel.functions.aws;

import com.securemodel.core.bytez.BytezInstance;
import com.securemodel.core.bytez.BytezInstanceStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Bytez instances in the single table: {@code pk = CLIENT#<clientId>}, {@code sk = BYTEZ#<model id>}. An active
 * instance also carries {@code expiryPk = BYTEZ#EXPIRY} and {@code expiresAt} (epoch milliseconds), the keys of the
 * sparse {@link DynamoDbTables#EXPIRY_INDEX} index the sweep queries; a stopped one drops {@code expiryPk} (and
 * leaves the index) and gets a TTL of 7 days. A claim is conditional on no active instance; activity is an
 * {@code UpdateItem} conditional on the same deployment and a later expiry.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html">Sparse indexes</a>
 */
public final class DynamoDbBytezInstanceStore implements BytezInstanceStore {

    static final String EXPIRY_PARTITION = "BYTEZ#EXPIRY";
    private static final String SK_PREFIX = "BYTEZ#";
    private static final String PK_PREFIX = "CLIENT#";
    private static final Duration STOPPED_TTL = Duration.ofDays(7);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbBytezInstanceStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void claim(BytezInstance instance) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(instance))
                    .conditionExpression("attribute_not_exists(pk) OR attribute_exists(stoppedAt)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException("Model " + instance.modelId() + " is already loaded", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("claim instance", e);
        }
    }

    @Override
    public void put(BytezInstance instance) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(instance)));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("write instance", e);
        }
    }

    @Override
    public void remove(ClientId clientId, String modelId) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(clientId, modelId)));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("remove instance", e);
        }
    }

    @Override
    public Optional<BytezInstance> find(ClientId clientId, String modelId) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, modelId), true, "read instance")
                .map(DynamoDbBytezInstanceStore::read);
    }

    @Override
    public List<BytezInstance> list(ClientId clientId) {
        try {
            return dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK_PREFIX + clientId.value()),
                                    ":prefix", AttributeValue.fromS(SK_PREFIX))))
                    .items().stream().map(DynamoDbBytezInstanceStore::read).toList();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("list instances", e);
        }
    }

    @Override
    public void touch(ClientId clientId, String modelId, String deploymentId, Instant expiresAt, long inferences,
                      Instant modified) {
        Map<String, AttributeValue> values = Map.of(":d", AttributeValue.fromS(deploymentId),
                ":e", AttributeValue.fromN(Long.toString(expiresAt.toEpochMilli())),
                ":m", AttributeValue.fromS(modified.toString()),
                ":n", AttributeValue.fromN(Long.toString(inferences)));
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(clientId, modelId))
                    .updateExpression("SET expiresAt = :e, modified = :m ADD inferences :n")
                    .conditionExpression("attribute_exists(expiryPk) AND deploymentId = :d AND expiresAt < :e")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException later) {
            addInferencesOnly(clientId, modelId, deploymentId, inferences);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("record instance activity", e);
        }
    }

    /** Another process wrote a later expiry (or the instance is gone): count the runs, keep that expiry. */
    private void addInferencesOnly(ClientId clientId, String modelId, String deploymentId, long inferences) {
        if (inferences == 0) {
            return;
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(clientId, modelId))
                    .updateExpression("ADD inferences :n")
                    .conditionExpression("attribute_exists(expiryPk) AND deploymentId = :d")
                    .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deploymentId),
                            ":n", AttributeValue.fromN(Long.toString(inferences)))));
        } catch (ConditionalCheckFailedException gone) {
            // stopped or loaded again meanwhile: these runs belonged to the old instance
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("record instance activity", e);
        }
    }

    @Override
    public List<Key> expiredBefore(Instant cutoff) {
        try {
            return dynamoDb.queryPaginator(b -> b.tableName(table).indexName(DynamoDbTables.EXPIRY_INDEX)
                            .keyConditionExpression("expiryPk = :p AND expiresAt <= :cutoff")
                            .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(EXPIRY_PARTITION),
                                    ":cutoff", AttributeValue.fromN(Long.toString(cutoff.toEpochMilli())))))
                    .items().stream().map(item -> new Key(
                            new ClientId(Attributes.s(item, "pk").substring(PK_PREFIX.length())),
                            Attributes.s(item, "sk").substring(SK_PREFIX.length()))).toList();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("query expired instances", e);
        }
    }

    private static Map<String, AttributeValue> key(ClientId clientId, String modelId) {
        return Map.of("pk", AttributeValue.fromS(PK_PREFIX + clientId.value()),
                "sk", AttributeValue.fromS(SK_PREFIX + modelId));
    }

    private static Map<String, AttributeValue> item(BytezInstance i) {
        return Attributes.builder().s("pk", PK_PREFIX + i.clientId().value()).s("sk", SK_PREFIX + i.modelId())
                .s("type", "bytez_instance").s("clientId", i.clientId().value()).s("modelId", i.modelId())
                .s("deploymentId", i.deploymentId()).n("concurrency", i.concurrency())
                .n("expirationPeriodSeconds", i.expirationPeriodSeconds())
                .n("expiresAt", i.expiresAt().toEpochMilli()).n("inferences", i.inferences())
                .instant("created", i.created()).instant("modified", i.modified()).instant("stoppedAt", i.stoppedAt())
                .s("expiryPk", i.active() ? EXPIRY_PARTITION : null)
                .n("ttl", i.active() ? null : i.stoppedAt().plus(STOPPED_TTL).getEpochSecond())
                .build();
    }

    private static BytezInstance read(Map<String, AttributeValue> item) {
        return new BytezInstance(new ClientId(Attributes.s(item, "clientId")), Attributes.s(item, "modelId"),
                Attributes.s(item, "deploymentId"), Attributes.i(item, "concurrency"),
                Attributes.n(item, "expirationPeriodSeconds"), Instant.ofEpochMilli(Attributes.n(item, "expiresAt")),
                Attributes.n(item, "inferences"), Attributes.instant(item, "created"),
                Attributes.instant(item, "modified"), Attributes.instant(item, "stoppedAt"));
    }
}
