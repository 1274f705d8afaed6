package com.securemodel.functions.aws;

import com.securemodel.core.audit.AuditStore;
import com.securemodel.core.audit.CallRecord;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The audit trail: {@code pk = CLIENT#<clientId>}, {@code sk = AUDIT#<epoch millis, 13 digits>#<request id>}, written
 * with {@code BatchWriteItem} (25 a call; unprocessed items are returned to be tried again), a {@code ttl} at the
 * end of the retention (six years by default). Nothing here updates or deletes a record.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">BatchWriteItem</a>
 */
public final class DynamoDbAuditStore implements AuditStore {

    /** HIPAA's retention for documentation: six years. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(6 * 365 + 2);
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbAuditStore.class);
    private static final String PREFIX = "AUDIT#";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration retention;

    public DynamoDbAuditStore(DynamoDbClient dynamoDb, String table, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public List<CallRecord> append(List<CallRecord> records) {
        List<CallRecord> unwritten = new ArrayList<>();
        for (int i = 0; i < records.size(); i += 25) {
            List<CallRecord> chunk = records.subList(i, Math.min(records.size(), i + 25));
            Map<String, CallRecord> bySk = new HashMap<>();
            List<WriteRequest> writes = new ArrayList<>();
            for (CallRecord record : chunk) {
                Map<String, AttributeValue> item = item(record);
                bySk.put(item.get("sk").s(), record);
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            try {
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
                response.unprocessedItems().getOrDefault(table, List.of())
                        .forEach(w -> unwritten.add(bySk.get(w.putRequest().item().get("sk").s())));
            } catch (SdkException e) {
                LOG.warn("Cannot append {} audit records", chunk.size(), e);
                unwritten.addAll(chunk);
            }
        }
        return unwritten;
    }

    @Override
    public AuditPage list(ClientId clientId, Instant from, Instant to, boolean ascending, int limit, String after) {
        String low = PREFIX + String.format("%013d", from.toEpochMilli());
        String high = PREFIX + String.format("%013d", to.toEpochMilli() - 1) + "#~";
        if (after != null && (after.compareTo(low) < 0 || after.compareTo(high) > 0)) {
            throw new IllegalArgumentException("a position outside the query's range");
        }
        Map<String, AttributeValue> start = after == null ? null
                : Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)), "sk", AttributeValue.fromS(after));
        try {
            QueryResponse response = dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                            ":from", AttributeValue.fromS(low), ":to", AttributeValue.fromS(high)))
                    .scanIndexForward(ascending).limit(limit + 1).exclusiveStartKey(start));
            List<Map<String, AttributeValue>> items = response.items();
            List<CallRecord> records = items.stream().limit(limit).map(item -> record(clientId, item)).toList();
            boolean more = items.size() > limit;
            return new AuditPage(records, more ? items.get(limit - 1).get("sk").s() : null);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("read the audit trail", e);
        }
    }

    private Map<String, AttributeValue> item(CallRecord r) {
        return Attributes.builder()
                .s("pk", DeploymentItems.pk(r.clientId()))
                .s("sk", PREFIX + String.format("%013d", r.time().toEpochMilli()) + "#" + r.requestId())
                .s("type", "audit").s("clientId", r.clientId().value()).s("keyId", r.keyId())
                .s("deploymentId", r.deploymentId()).s("route", r.route()).s("dialect", r.dialect())
                .s("requestId", r.requestId()).instant("time", r.time())
                .n("promptTokens", r.promptTokens()).n("completionTokens", r.completionTokens())
                .n("status", r.status()).n("latencyMillis", r.latencyMillis())
                .n("ttl", r.time().plus(retention).getEpochSecond())
                .build();
    }

    private static CallRecord record(ClientId clientId, Map<String, AttributeValue> item) {
        return new CallRecord(clientId, Attributes.s(item, "keyId"), Attributes.s(item, "deploymentId"),
                Attributes.s(item, "route"), Attributes.s(item, "dialect"), Attributes.s(item, "requestId"),
                Attributes.instant(item, "time"), num(item, "promptTokens"), num(item, "completionTokens"),
                (int) num(item, "status"), num(item, "latencyMillis"));
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        Long value = Attributes.n(item, name);
        return value == null ? 0 : value;
    }
}
