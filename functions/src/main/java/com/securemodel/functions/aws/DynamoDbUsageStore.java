package com.securemodel.functions.aws;

import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageStore;
import com.securemodel.core.usage.UsageTotals;
import com.securemodel.functions.aws.internal.DeploymentItems;
import java.time.Duration;
import java.time.Instant;
import com.securemodel.core.usage.LatencySketch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Usage per client, deployment and minute: {@code pk = CLIENT#<clientId>}, {@code sk = USAGE#<deploymentId>#<minute
 * ISO-8601>}, counters added with {@code ADD} (atomic, so instances flushing the same minute never lose a count),
 * a {@code ttl} 400 days ahead. The minute's latency sketch ({@link LatencySketch}) is stored as counters too: one
 * numeric attribute per bucket, {@code lb<index>} ({@code lbm<n>} for index {@code -n}) and {@code lz} for zeros, each
 * added with {@code ADD}, so sketches from several instances merge in the item exactly. See {@code docs/data-model.md}.
 */
public final class DynamoDbUsageStore implements UsageStore {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbUsageStore.class);
    private static final Duration RETENTION = Duration.ofDays(400);
    private static final String SK_PREFIX = "USAGE#";
    private static final String ZEROS = "lz";
    /** Sketch buckets per update: about 12 characters each keeps an update expression well under 4 KB. */
    static final int BUCKETS_PER_UPDATE = 200;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbUsageStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * One {@code UpdateItem} per item, or several when its sketch has more than {@link #BUCKETS_PER_UPDATE} buckets
     * (an update expression is at most 4 KB): the first carries the counters, each is atomic and retried alone.
     */
    @Override
    public List<UsageTotals> add(List<UsageTotals> totals) {
        List<UsageTotals> unwritten = new ArrayList<>();
        for (UsageTotals whole : totals) {
            for (UsageTotals item : split(whole)) {
                try {
                    dynamoDb.updateItem(update(item));
                } catch (SdkException e) {
                    LOG.warn("Cannot add usage for deployment {}", item.deploymentId(), e);
                    unwritten.add(item);
                }
            }
        }
        return unwritten;
    }

    /** The exact update of one item (package-private for the test that pins it). */
    UpdateItemRequest update(UsageTotals item) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":type", AttributeValue.fromS("usage"),
                ":dep", AttributeValue.fromS(item.deploymentId()),
                ":minute", AttributeValue.fromS(item.minute().toString()),
                ":ttl", number(item.minute().plus(RETENTION).getEpochSecond()),
                ":requests", number(item.requests()),
                ":errors", number(item.errors()),
                ":prompt", number(item.promptTokens()),
                ":completion", number(item.completionTokens()),
                ":latency", number(item.latencyMillis())));
        StringBuilder add = new StringBuilder("ADD requests :requests, errors :errors, promptTokens :prompt, "
                + "completionTokens :completion, latencyMillis :latency");
        if (item.latency().zeros() > 0) {
            add.append(", ").append(ZEROS).append(' ').append(count(values, item.latency().zeros()));
        }
        item.latency().buckets().forEach((index, n) ->
                add.append(", ").append(bucket(index)).append(' ').append(count(values, n)));
        return UpdateItemRequest.builder().tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(item.clientId())),
                        "sk", AttributeValue.fromS(sk(item.deploymentId(), item.minute()))))
                .updateExpression("SET #type = :type, deploymentId = :dep, #minute = :minute, #ttl = :ttl " + add)
                .expressionAttributeNames(Map.of("#type", "type", "#ttl", "ttl", "#minute", "minute"))
                .expressionAttributeValues(values)
                .build();
    }

    /** Counts repeat (most buckets hold 1, 2, 3...): one value placeholder per distinct count keeps it short. */
    private static String count(Map<String, AttributeValue> values, long n) {
        String name = ":c" + n;
        values.putIfAbsent(name, number(n));
        return name;
    }

    private static List<UsageTotals> split(UsageTotals item) {
        NavigableMap<Integer, Long> buckets = item.latency().buckets();
        if (buckets.size() <= BUCKETS_PER_UPDATE) {
            return List.of(item);
        }
        List<UsageTotals> parts = new ArrayList<>();
        Map<Integer, Long> part = new TreeMap<>();
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            part.put(bucket.getKey(), bucket.getValue());
            if (part.size() == BUCKETS_PER_UPDATE) {
                parts.add(part(item, part, parts.isEmpty()));
                part = new TreeMap<>();
            }
        }
        if (!part.isEmpty()) {
            parts.add(part(item, part, parts.isEmpty()));
        }
        return parts;
    }

    private static UsageTotals part(UsageTotals item, Map<Integer, Long> buckets, boolean first) {
        LatencySketch sketch = LatencySketch.of(buckets, first ? item.latency().zeros() : 0);
        return first ? new UsageTotals(item.clientId(), item.deploymentId(), item.minute(), item.requests(),
                item.errors(), item.promptTokens(), item.completionTokens(), item.latencyMillis(), sketch)
                : new UsageTotals(item.clientId(), item.deploymentId(), item.minute(), 0, 0, 0, 0, 0, sketch);
    }

    /** @return the attribute of a sketch bucket: {@code lb<index>}, {@code lbm<-index>} below zero */
    static String bucket(int index) {
        return index < 0 ? "lbm" + (-index) : "lb" + index;
    }

    private static LatencySketch sketch(Map<String, AttributeValue> item) {
        Map<Integer, Long> buckets = new TreeMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith("lbm")) {
                buckets.put(-Integer.parseInt(name.substring(3)), Long.parseLong(value.n()));
            } else if (name.startsWith("lb")) {
                buckets.put(Integer.parseInt(name.substring(2)), Long.parseLong(value.n()));
            }
        });
        return LatencySketch.of(buckets, n(item, ZEROS));
    }

    @Override
    public List<UsageTotals> find(ClientId clientId, String deploymentId, Instant from, Instant to) {
        try {
            return dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                            .expressionAttributeValues(Map.of(
                                    ":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                                    ":from", AttributeValue.fromS(sk(deploymentId, from)),
                                    ":to", AttributeValue.fromS(sk(deploymentId, to.minusMillis(1))))))
                    .items().stream()
                    .map(item -> new UsageTotals(clientId, deploymentId, Instant.parse(item.get("minute").s()),
                            n(item, "requests"), n(item, "errors"), n(item, "promptTokens"),
                            n(item, "completionTokens"), n(item, "latencyMillis"), sketch(item)))
                    .toList();
        } catch (SdkException e) {
            throw com.securemodel.functions.aws.internal.DynamoDbErrors.unavailable("read usage", e);
        }
    }

    private static String sk(String deploymentId, Instant minute) {
        return SK_PREFIX + deploymentId + "#" + minute;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
