package com.securemodel.functions.aws;

import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.n;
import static com.securemodel.functions.aws.internal.Attributes.s;

import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.batch.BatchStatus;
import com.securemodel.core.batch.BatchStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Batch jobs and their checkpoints: {@code pk = CLIENT#<clientId>}, {@code sk = BATCH#<batch id>}; every checkpoint
 * is a put conditioned on the version read ({@code #version = :expected}), so one commit never applies twice and a
 * cancel is seen at the next commit. A {@code ttl} 30 days after creation. See {@code docs/data-model.md}.
 */
public final class DynamoDbBatchStore implements BatchStore {

    private static final String SK_PREFIX = "BATCH#";
    private static final long RETENTION_SECONDS = 30L * 24 * 3600;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbBatchStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void create(BatchJob job) {
        put(job, "attribute_not_exists(pk)", Map.of(), Map.of());
    }

    @Override
    public Optional<BatchJob> find(ClientId clientId, String id) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, id), true, "read batch")
                .map(DynamoDbBatchStore::fromItem);
    }

    @Override
    public BatchJob update(BatchJob job) {
        BatchJob next = job.withVersion(job.version() + 1);
        put(next, "#version = :expected", Map.of("#version", "version"),
                Map.of(":expected", AttributeValue.fromN(Long.toString(job.version()))));
        return next;
    }

    /** Queries the client's batch items (a client has few) and sorts them newest first. */
    @Override
    public List<BatchJob> list(ClientId clientId, int limit, String after) {
        List<BatchJob> all = new ArrayList<>();
        try {
            dynamoDb.queryPaginator(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                            ":sk", AttributeValue.fromS(SK_PREFIX))))
                    .items().forEach(item -> all.add(fromItem(item)));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("list batches", e);
        }
        all.sort(Comparator.comparing(BatchJob::createdAt).thenComparing(BatchJob::id).reversed());
        int from = 0;
        if (after != null) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(after)) {
                    from = i + 1;
                }
            }
        }
        return List.copyOf(all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit)));
    }

    private void put(BatchJob job, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        var builder = PutItemRequest.builder().tableName(table).item(toItem(job)).conditionExpression(condition);
        if (!names.isEmpty()) {
            builder.expressionAttributeNames(names).expressionAttributeValues(values);
        }
        try {
            dynamoDb.putItem(builder.build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException("Batch " + job.id() + " changed meanwhile", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("write batch", e);
        }
    }

    private static Map<String, AttributeValue> key(ClientId clientId, String id) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                "sk", AttributeValue.fromS(SK_PREFIX + id));
    }

    private static Map<String, AttributeValue> toItem(BatchJob job) {
        Map<String, AttributeValue> item = new HashMap<>(key(job.clientId(), job.id()));
        item.putAll(Attributes.builder()
                .s("type", "batch").s("clientId", job.clientId().value()).s("id", job.id())
                .s("inputKey", job.inputKey()).s("inputFileId", job.inputFileId()).s("endpoint", job.endpoint())
                .s("completionWindow", job.completionWindow()).stringMap("metadata", job.metadata())
                .s("status", job.status().name()).n("totalLines", job.totalLines()).n("nextLine", job.nextLine())
                .n("nextByte", job.nextByte()).n("chunkSize", job.chunkSize()).n("completed", job.completed())
                .n("failed", job.failed()).n("promptTokens", job.promptTokens())
                .n("completionTokens", job.completionTokens()).n("workMillis", job.workMillis())
                .s("instanceType", job.instanceType()).n("replicas", job.replicas())
                .s("outputFileId", job.outputFileId()).s("errorFileId", job.errorFileId()).s("error", job.error())
                .instant("createdAt", job.createdAt()).instant("inProgressAt", job.inProgressAt())
                .instant("finalizingAt", job.finalizingAt()).instant("finishedAt", job.finishedAt())
                .instant("cancellingAt", job.cancellingAt()).instant("batchExpiresAt", job.expiresAt())
                .n("version", job.version())
                .n("ttl", job.createdAt().getEpochSecond() + RETENTION_SECONDS)
                .build());
        return item;
    }

    private static BatchJob fromItem(Map<String, AttributeValue> item) {
        return new BatchJob(new ClientId(s(item, "clientId")), s(item, "id"), s(item, "inputKey"),
                s(item, "inputFileId"), s(item, "endpoint"), s(item, "completionWindow"),
                Attributes.stringMap(item, "metadata"),
                BatchStatus.valueOf(s(item, "status").toUpperCase(Locale.ROOT)), n(item, "totalLines"),
                n(item, "nextLine"), n(item, "nextByte"), n(item, "chunkSize").intValue(), n(item, "completed"),
                n(item, "failed"), n(item, "promptTokens"), n(item, "completionTokens"), n(item, "workMillis"),
                s(item, "instanceType"), n(item, "replicas").intValue(), s(item, "outputFileId"),
                s(item, "errorFileId"), s(item, "error"), instant(item, "createdAt"), instant(item, "inProgressAt"),
                instant(item, "finalizingAt"), instant(item, "finishedAt"), instant(item, "cancellingAt"),
                instant(item, "batchExpiresAt"), n(item, "version"));
    }
}
