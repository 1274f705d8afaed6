package com.securemodel.functions.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.audit.AuditStore;
import com.securemodel.core.audit.CallRecord;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.TimePacks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit trail: {@code pk = CLIENT#<clientId>}, each record at the position
 * {@code AUDIT#<epoch millis, 13 digits>#<request id>}, packed ({@link TimePacks}): the records of one client within a
 * second share one item, keyed by its first record's position and a digest of its records' positions
 * ({@link #packKey}), with the records as JSON in {@code records}; a record alone is an item of its own, keyed by its
 * position, with plain attributes (as every record was before packing; both read alike).
 * Written with {@code BatchWriteItem} ({@link TimePacks#write}; the records of unprocessed items are returned to be tried
 * again), a {@code ttl} at the end of the retention of the item's last record (six years by default). Nothing here
 * updates or deletes a record.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">BatchWriteItem</a>
 */
public final class DynamoDbAuditStore implements AuditStore {

    /** HIPAA's retention for documentation: six years. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(6 * 365 + 2);
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbAuditStore.class);
    private static final String PREFIX = "AUDIT#";
    /** Reads packs that later versions wrote with more fields. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** What one packed record takes, about: its fields' values and names. */
    private static final int FIELD_CHARS = 160;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration retention;

    public DynamoDbAuditStore(DynamoDbClient dynamoDb, String table, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.retention = retention;
    }

    /** One record as it is packed: its client is the item's. */
    private record Packed(String keyId, String deploymentId, String route, String dialect, String requestId,
                          String time, long promptTokens, long completionTokens, int status, long latencyMillis) {

        static Packed of(CallRecord r) {
            return new Packed(r.keyId(), r.deploymentId(), r.route(), r.dialect(), r.requestId(), r.time().toString(),
                    r.promptTokens(), r.completionTokens(), r.status(), r.latencyMillis());
        }

        CallRecord record(ClientId clientId) {
            return new CallRecord(clientId, keyId, deploymentId, route, dialect, requestId, Instant.parse(time),
                    promptTokens, completionTokens, status, latencyMillis);
        }
    }

    @Override
    public List<CallRecord> append(List<CallRecord> records) {
        Map<ClientId, List<TimePacks.Entry<CallRecord>>> byClient = new LinkedHashMap<>();
        for (CallRecord record : records) {
            byClient.computeIfAbsent(record.clientId(), c -> new ArrayList<>()).add(new TimePacks.Entry<>(
                    position(record), record.time().toEpochMilli(), record));
        }
        List<List<TimePacks.Entry<CallRecord>>> packs = new ArrayList<>();
        byClient.values().forEach(entries -> packs.addAll(TimePacks.pack(entries, DynamoDbAuditStore::chars)));
        List<CallRecord> unwritten = new ArrayList<>();
        TimePacks.write(dynamoDb, table, packs, this::item, (chunk, e) -> LOG.warn("Cannot append {} audit records",
                chunk.stream().mapToInt(List::size).sum(), e))
                .forEach(pack -> pack.forEach(entry -> unwritten.add(entry.value())));
        return unwritten;
    }

    @Override
    public AuditPage list(ClientId clientId, Instant from, Instant to, boolean ascending, int limit, String after) {
        try {
            TimePacks.Page<CallRecord> page = TimePacks.read(dynamoDb, new TimePacks.Query(table,
                    DeploymentItems.pk(clientId), PREFIX, from.toEpochMilli(), to.toEpochMilli(), ascending, limit,
                    after), item -> records(clientId, item), record -> true);
            return new AuditPage(page.values(), page.last());
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("read the audit trail", e);
        }
    }

    private static String position(CallRecord record) {
        return TimePacks.position(PREFIX, record.time().toEpochMilli(), record.requestId());
    }

    private static int chars(CallRecord r) {
        return FIELD_CHARS + r.route().length() + (r.requestId() == null ? 0 : r.requestId().length())
                + (r.deploymentId() == null ? 0 : r.deploymentId().length());
    }

    /** A record alone as plain attributes; several as one item, keyed by the first. */
    private Map<String, AttributeValue> item(List<TimePacks.Entry<CallRecord>> pack) {
        CallRecord first = pack.getFirst().value();
        if (pack.size() == 1) {
            return Attributes.builder()
                    .s("pk", DeploymentItems.pk(first.clientId())).s("sk", pack.getFirst().position())
                    .s("type", "audit").s("clientId", first.clientId().value()).s("keyId", first.keyId())
                    .s("deploymentId", first.deploymentId()).s("route", first.route()).s("dialect", first.dialect())
                    .s("requestId", first.requestId()).instant("time", first.time())
                    .n("promptTokens", first.promptTokens()).n("completionTokens", first.completionTokens())
                    .n("status", first.status()).n("latencyMillis", first.latencyMillis())
                    .n("ttl", first.time().plus(retention).getEpochSecond())
                    .build();
        }
        String records;
        try {
            records = JSON.writeValueAsString(pack.stream().map(entry -> Packed.of(entry.value())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode audit records", e);
        }
        return Attributes.builder()
                .s("pk", DeploymentItems.pk(first.clientId())).s("sk", packKey(pack))
                .s("type", "audit").s("clientId", first.clientId().value()).instant("time", first.time())
                .n("count", pack.size()).s("records", records)
                .n("ttl", pack.getLast().value().time().plus(retention).getEpochSecond())
                .build();
    }

    /**
     * A pack's key: its first record's position and a digest of every record's position. The same pack written again
     * (a retry of exactly it) is the same item with the same records; records packed otherwise (a retried write that
     * had landed, packed with newer records) make another item, and never replace a stored one.
     */
    private static String packKey(List<TimePacks.Entry<CallRecord>> pack) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No SHA-256", e);
        }
        for (TimePacks.Entry<CallRecord> entry : pack) {
            sha256.update(entry.position().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
        }
        return pack.getFirst().position() + "#" + HexFormat.of().formatHex(sha256.digest(), 0, 6);
    }

    private static List<TimePacks.Entry<CallRecord>> records(ClientId clientId, Map<String, AttributeValue> item) {
        String packed = Attributes.s(item, "records");
        List<CallRecord> records;
        if (packed == null) {
            records = List.of(record(clientId, item));
        } else {
            try {
                records = JSON.readValue(packed, new TypeReference<List<Packed>>() { }).stream()
                        .map(p -> p.record(clientId)).toList();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("An unreadable audit item: " + item.get("sk").s(), e);
            }
        }
        return records.stream()
                .map(r -> new TimePacks.Entry<>(position(r), r.time().toEpochMilli(), r))
                .toList();
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
