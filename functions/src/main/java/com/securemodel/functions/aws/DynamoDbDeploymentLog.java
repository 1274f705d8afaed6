package com.securemodel.functions.aws;

import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.s;

import com.securemodel.core.deployment.DeploymentLog;
import com.securemodel.core.deployment.LogEntry;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import java.time.Clock;
import java.time.Duration;
import com.securemodel.core.deployment.LogQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deployment log lines: {@code pk = CLIENT#<clientId>}, {@code sk = LOG#<deploymentId>#<epochMillis, 13 digits>#<random>}
 * (so the sort key orders them in time), with a {@code ttl} attribute (epoch seconds) 30 days ahead that
 * DynamoDB's TTL deletes.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html">Time to Live</a>
 */
public final class DynamoDbDeploymentLog implements DeploymentLog {

    /** How long log lines are kept. */
    public static final Duration RETENTION = Duration.ofDays(30);
    /** The most items one {@code BatchWriteItem} takes. */
    private static final int BATCH = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoDbDeploymentLog(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    static String prefix(String deploymentId) {
        return "LOG#" + deploymentId + "#";
    }

    @Override
    public void append(ClientId clientId, String deploymentId, LogEntry entry) {
        Map<String, AttributeValue> item = item(new Line(clientId, deploymentId, entry));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("append deployment log", e);
        }
    }

    /** {@code BatchWriteItem}, 25 lines a call; a line left unprocessed, or in a failed call, is not tried again. */
    @Override
    public int appendAll(List<Line> lines) {
        int failed = 0;
        for (int i = 0; i < lines.size(); i += BATCH) {
            List<Line> chunk = lines.subList(i, Math.min(lines.size(), i + BATCH));
            List<WriteRequest> writes = chunk.stream()
                    .map(line -> WriteRequest.builder().putRequest(p -> p.item(item(line))).build())
                    .toList();
            try {
                failed += dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, writes)))
                        .unprocessedItems().getOrDefault(table, List.of()).size();
            } catch (SdkException e) {
                failed += chunk.size();
            }
        }
        return failed;
    }

    private Map<String, AttributeValue> item(Line line) {
        LogEntry entry = line.entry();
        long millis = entry.timestamp() == null ? clock.millis() : entry.timestamp().toEpochMilli();
        String sk = prefix(line.deploymentId()) + String.format("%013d", millis) + "#"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        return Attributes.builder()
                .s("pk", DeploymentItems.pk(line.clientId())).s("sk", sk).s("type", "log")
                .s("deploymentId", line.deploymentId())
                .instant("timestamp", entry.timestamp() == null ? clock.instant() : entry.timestamp())
                .s("level", entry.level()).s("message", entry.message()).s("component", entry.component())
                .s("requestId", entry.requestId())
                .n("ttl", clock.instant().plus(RETENTION).getEpochSecond())
                .build();
    }

    @Override
    public List<LogEntry> list(ClientId clientId, String deploymentId, int limit) {
        try {
            return dynamoDb.query(b -> b.tableName(table)
                            // a range, equivalent to begins_with(sk, prefix): under DynamoDB Local a descending
                            // begins_with query with Limit once returned one line too few (cause not pinned down)
                            .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                            .expressionAttributeValues(Map.of(
                                    ":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                                    ":from", AttributeValue.fromS(prefix(deploymentId)),
                                    ":to", AttributeValue.fromS(prefix(deploymentId) + "~")))
                            .scanIndexForward(false).limit(Math.max(1, limit)))
                    .items().stream()
                    .map(item -> new LogEntry(instant(item, "timestamp"), s(item, "level"), s(item, "message"),
                            s(item, "component"), s(item, "requestId")))
                    .toList();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("read deployment log", e);
        }
    }

    /**
     * {@code Query pk = :pk AND sk BETWEEN LOG#<id>#<from millis> AND LOG#<id>#<to millis - 1>#~}, the filters as a
     * {@code FilterExpression}, in the asked order, from {@code ExclusiveStartKey = after}; read page after page until
     * one line more than the limit was found (so the last page says it is the last) or the range ends.
     */
    @Override
    public LogQuery.Page query(ClientId clientId, String deploymentId, LogQuery query, String after) {
        String from = prefix(deploymentId) + String.format("%013d", query.from().toEpochMilli());
        String to = prefix(deploymentId) + String.format("%013d", query.to().toEpochMilli() - 1) + "#~";
        if (after != null && (after.compareTo(from) < 0 || after.compareTo(to) > 0)) {
            throw new IllegalArgumentException("a position outside the query's range");
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                ":from", AttributeValue.fromS(from), ":to", AttributeValue.fromS(to)));
        Map<String, String> names = new HashMap<>();
        List<String> filters = new ArrayList<>();
        filter(filters, names, values, "level", query.level());
        filter(filters, names, values, "component", query.component());
        filter(filters, names, values, "requestId", query.requestId());
        List<LogEntry> entries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = after == null ? null
                : Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)), "sk", AttributeValue.fromS(after));
        try {
            do {
                QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(values).scanIndexForward(query.ascending())
                        .limit(Math.max(query.limit() + 1, 100)).exclusiveStartKey(start);
                if (!filters.isEmpty()) {
                    request.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
                }
                QueryResponse response = dynamoDb.query(request.build());
                for (Map<String, AttributeValue> item : response.items()) {
                    if (entries.size() == query.limit()) {
                        return new LogQuery.Page(entries, keys.getLast());
                    }
                    entries.add(entry(item));
                    keys.add(item.get("sk").s());
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("read deployment log", e);
        }
        return new LogQuery.Page(entries, null);
    }

    private static void filter(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                               String attribute, String value) {
        if (value != null) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, AttributeValue.fromS(value));
            filters.add("#" + attribute + " = :" + attribute);
        }
    }

    private static LogEntry entry(Map<String, AttributeValue> item) {
        return new LogEntry(instant(item, "timestamp"), s(item, "level"), s(item, "message"), s(item, "component"),
                s(item, "requestId"));
    }
}
