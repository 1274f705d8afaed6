package com.securemodel.functions.aws;

import com.securemodel.core.async.AsyncRequest;
import com.securemodel.core.async.AsyncRequestStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Requests accepted with {@code Prefer: respond-async}: {@code pk = CLIENT#<clientId>}, {@code sk = ASYNC#<id>},
 * the request body (binary) until it has run, then the answer; a {@code ttl} 48 hours after creation (answers are
 * kept at least 24 hours). The table is encrypted at rest with the service's KMS key on AWS. Writes are
 * version-checked. See {@code docs/data-model.md}.
 */
public final class DynamoDbAsyncRequestStore implements AsyncRequestStore {

    static final Duration RETENTION = Duration.ofHours(48);
    private static final String SK_PREFIX = "ASYNC#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbAsyncRequestStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void create(AsyncRequest request) {
        put(request, "attribute_not_exists(pk)", Map.of(), Map.of());
    }

    @Override
    public Optional<AsyncRequest> find(ClientId clientId, String id) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, id), true, "read queued request")
                .map(DynamoDbAsyncRequestStore::fromItem);
    }

    @Override
    public AsyncRequest update(AsyncRequest request) {
        AsyncRequest next = request.withVersion(request.version() + 1);
        put(next, "#version = :expected", Map.of("#version", "version"),
                Map.of(":expected", AttributeValue.fromN(Long.toString(request.version()))));
        return next;
    }

    private void put(AsyncRequest request, String condition, Map<String, String> names,
                     Map<String, AttributeValue> values) {
        var builder = PutItemRequest.builder().tableName(table).item(toItem(request)).conditionExpression(condition);
        if (!names.isEmpty()) {
            builder.expressionAttributeNames(names).expressionAttributeValues(values);
        }
        try {
            dynamoDb.putItem(builder.build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException("Queued request " + request.id() + " changed meanwhile", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("write queued request", e);
        }
    }

    private static Map<String, AttributeValue> key(ClientId clientId, String id) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                "sk", AttributeValue.fromS(SK_PREFIX + id));
    }

    private static Map<String, AttributeValue> toItem(AsyncRequest request) {
        Map<String, AttributeValue> item = new HashMap<>(key(request.clientId(), request.id()));
        item.put("type", AttributeValue.fromS("async"));
        item.put("clientId", AttributeValue.fromS(request.clientId().value()));
        item.put("id", AttributeValue.fromS(request.id()));
        item.put("route", AttributeValue.fromS(request.route()));
        if (request.keyId() != null) {
            item.put("keyId", AttributeValue.fromS(request.keyId()));
        }
        if (request.body().length > 0) {
            item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(request.body())));
        }
        item.put("status", AttributeValue.fromS(request.status().name()));
        item.put("httpStatus", AttributeValue.fromN(Integer.toString(request.httpStatus())));
        if (request.answer() != null) {
            item.put("answer", AttributeValue.fromS(request.answer()));
        }
        item.put("createdAt", AttributeValue.fromS(request.createdAt().toString()));
        item.put("updatedAt", AttributeValue.fromS(request.updatedAt().toString()));
        item.put("version", AttributeValue.fromN(Long.toString(request.version())));
        item.put("ttl", AttributeValue.fromN(Long.toString(request.createdAt().plus(RETENTION).getEpochSecond())));
        return item;
    }

    private static AsyncRequest fromItem(Map<String, AttributeValue> item) {
        AttributeValue body = item.get("body");
        AttributeValue answer = item.get("answer");
        AttributeValue keyId = item.get("keyId");
        return new AsyncRequest(new ClientId(item.get("clientId").s()), item.get("id").s(), item.get("route").s(),
                body == null ? null : body.b().asByteArray(), AsyncRequest.Status.valueOf(item.get("status").s()),
                Integer.parseInt(item.get("httpStatus").n()), answer == null ? null : answer.s(),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()),
                Long.parseLong(item.get("version").n()), keyId == null ? null : keyId.s());
    }
}
