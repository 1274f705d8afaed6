package com.securemodel.functions.aws;

import com.securemodel.core.bytez.ModelJob;
import com.securemodel.core.bytez.ModelJobStore;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Bytez jobs in the single table: {@code pk = CLIENT#<clientId>}, {@code sk = BYTEZJOB#<model id>}; a create is
 * conditional on {@code attribute_not_exists(pk)}. Jobs carry a TTL of 30 days.
 */
public final class DynamoDbModelJobStore implements ModelJobStore {

    private static final String SK_PREFIX = "BYTEZJOB#";
    private static final Duration TTL = Duration.ofDays(30);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbModelJobStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<ModelJob> find(ClientId clientId, String modelId) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, modelId), true, "read job")
                .map(DynamoDbModelJobStore::read);
    }

    @Override
    public boolean create(ModelJob job) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(job)).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("create job", e);
        }
    }

    @Override
    public void put(ModelJob job) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(job)));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("write job", e);
        }
    }

    @Override
    public void delete(ClientId clientId, String modelId) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(clientId, modelId)));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("delete job", e);
        }
    }

    private static Map<String, AttributeValue> key(ClientId clientId, String modelId) {
        return Map.of("pk", AttributeValue.fromS("CLIENT#" + clientId.value()),
                "sk", AttributeValue.fromS(SK_PREFIX + modelId));
    }

    private static Map<String, AttributeValue> item(ModelJob job) {
        return Attributes.builder().s("pk", "CLIENT#" + job.clientId().value()).s("sk", SK_PREFIX + job.modelId())
                .s("type", "bytez_job").s("clientId", job.clientId().value()).s("modelId", job.modelId())
                .s("status", job.status().name()).s("message", job.message()).instant("startTime", job.startTime())
                .instant("endTime", job.endTime()).instant("created", job.created()).instant("modified", job.modified())
                .n("ttl", job.modified().plus(TTL).getEpochSecond()).build();
    }

    private static ModelJob read(Map<String, AttributeValue> item) {
        return new ModelJob(new ClientId(Attributes.s(item, "clientId")), Attributes.s(item, "modelId"),
                ModelJob.Status.valueOf(Attributes.s(item, "status")), Attributes.s(item, "message"),
                Attributes.instant(item, "startTime"), Attributes.instant(item, "endTime"),
                Attributes.instant(item, "created"), Attributes.instant(item, "modified"));
    }
}
