package com.securemodel.functions.aws;

import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.deployment.DeploymentLog;
import com.securemodel.core.deployment.LogEntry;
import com.securemodel.core.deployment.LogQuery;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.TimePacks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deployment log lines: {@code pk = CLIENT#<clientId>}, each line at the position
 * {@code LOG#<deploymentId>#<epochMillis, 13 digits>#<random>} (so positions order them in time). A line appended
 * alone is an item of its own; the request lines a flush appends together ({@link #appendAll}) are packed
 * ({@link TimePacks}): the lines of one deployment within a second share one item, keyed by its first line's position,
 * with the lines as JSON in {@code lines}. Every item has a {@code ttl} attribute (epoch seconds) 30 days ahead that
 * DynamoDB's TTL deletes.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html">Time to Live</a>
 */
public final class DynamoDbDeploymentLog implements DeploymentLog {

    /** How long log lines are kept. */
    public static final Duration RETENTION = Duration.ofDays(30);
    /** Reads packs that later versions wrote with more fields. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** The newest time a position can name. */
    private static final long END_OF_TIME = 9_999_999_999_999L;

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

    /** One line as it is packed, with the id of its position. */
    private record Packed(String id, String timestamp, String level, String message, String component,
                          String requestId) {
    }

    @Override
    public void append(ClientId clientId, String deploymentId, LogEntry entry) {
        Map<String, AttributeValue> item = item(new Pack(clientId, deploymentId,
                List.of(entry(new Line(clientId, deploymentId, entry)))));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("append deployment log", e);
        }
    }

    /**
     * Packs the lines of each client's deployment, then {@code BatchWriteItem} ({@link TimePacks#write}); the lines of
     * an item left unprocessed, or in a failed call, are not tried again.
     */
    @Override
    public int appendAll(List<Line> lines) {
        record Log(ClientId clientId, String deploymentId) {
        }
        Map<Log, List<TimePacks.Entry<Packed>>> byLog = new LinkedHashMap<>();
        for (Line line : lines) {
            byLog.computeIfAbsent(new Log(line.clientId(), line.deploymentId()), k -> new ArrayList<>())
                    .add(entry(line));
        }
        List<Pack> packs = new ArrayList<>();
        byLog.forEach((log, entries) -> TimePacks.pack(entries, DynamoDbDeploymentLog::chars)
                .forEach(pack -> packs.add(new Pack(log.clientId(), log.deploymentId(), pack))));
        return TimePacks.write(dynamoDb, table, packs, this::item, (chunk, e) -> { })
                .stream().mapToInt(pack -> pack.lines().size()).sum();
    }

    /** The lines of one client's deployment that go into one item. */
    private record Pack(ClientId clientId, String deploymentId, List<TimePacks.Entry<Packed>> lines) {
    }

    private TimePacks.Entry<Packed> entry(Line line) {
        LogEntry entry = line.entry();
        Instant timestamp = entry.timestamp() == null ? clock.instant() : entry.timestamp();
        String id = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        return new TimePacks.Entry<>(TimePacks.position(prefix(line.deploymentId()), timestamp.toEpochMilli(), id),
                timestamp.toEpochMilli(), new Packed(id, timestamp.toString(), entry.level(), entry.message(),
                        entry.component(), entry.requestId()));
    }

    private static int chars(Packed line) {
        return 120 + (line.message() == null ? 0 : line.message().length())
                + (line.requestId() == null ? 0 : line.requestId().length())
                + (line.component() == null ? 0 : line.component().length());
    }

    /** A line alone as plain attributes; several as one item, keyed by the first. */
    private Map<String, AttributeValue> item(Pack of) {
        List<TimePacks.Entry<Packed>> pack = of.lines();
        Packed first = pack.getFirst().value();
        Attributes.Builder item = Attributes.builder()
                .s("pk", DeploymentItems.pk(of.clientId())).s("sk", pack.getFirst().position()).s("type", "log")
                .s("deploymentId", of.deploymentId()).s("timestamp", first.timestamp())
                .n("ttl", clock.instant().plus(RETENTION).getEpochSecond());
        if (pack.size() == 1) {
            return item.s("level", first.level()).s("message", first.message()).s("component", first.component())
                    .s("requestId", first.requestId()).build();
        }
        try {
            return item.n("count", pack.size())
                    .s("lines", JSON.writeValueAsString(pack.stream().map(TimePacks.Entry::value).toList()))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode log lines", e);
        }
    }

    /** The lines of an item, each at its position. */
    private static List<TimePacks.Entry<LogEntry>> lines(String deploymentId, Map<String, AttributeValue> item) {
        String packed = s(item, "lines");
        if (packed == null) {
            String sk = item.get("sk").s();
            LogEntry entry = new LogEntry(instant(item, "timestamp"), s(item, "level"), s(item, "message"),
                    s(item, "component"), s(item, "requestId"));
            return List.of(new TimePacks.Entry<>(sk, TimePacks.millisOf(prefix(deploymentId), sk), entry));
        }
        try {
            return JSON.readValue(packed, new TypeReference<List<Packed>>() { }).stream()
                    .map(p -> {
                        Instant timestamp = Instant.parse(p.timestamp());
                        return new TimePacks.Entry<>(
                                TimePacks.position(prefix(deploymentId), timestamp.toEpochMilli(), p.id()),
                                timestamp.toEpochMilli(),
                                new LogEntry(timestamp, p.level(), p.message(), p.component(), p.requestId()));
                    })
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An unreadable log item: " + item.get("sk").s(), e);
        }
    }

    /** @return at most {@code limit} lines, newest first */
    @Override
    public List<LogEntry> list(ClientId clientId, String deploymentId, int limit) {
        return query(clientId, deploymentId,
                new LogQuery(Instant.EPOCH, Instant.ofEpochMilli(END_OF_TIME), null, null, null, false,
                        Math.max(1, limit)), null).entries();
    }

    /**
     * {@code Query pk = :pk AND sk BETWEEN} the items of the range ({@link TimePacks#read}), the filters applied to
     * each line, in the asked order, after the position {@code after}.
     */
    @Override
    public LogQuery.Page query(ClientId clientId, String deploymentId, LogQuery query, String after) {
        try {
            TimePacks.Page<LogEntry> page = TimePacks.read(dynamoDb, new TimePacks.Query(table,
                    DeploymentItems.pk(clientId), prefix(deploymentId), query.from().toEpochMilli(),
                    query.to().toEpochMilli(), query.ascending(), query.limit(), after),
                    item -> lines(deploymentId, item), query::matches);
            return new LogQuery.Page(page.values(), page.last());
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("read deployment log", e);
        }
    }
}
