package com.securemodel.functions.aws;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.audit.AuditStore;
import com.securemodel.core.audit.CallRecord;
import com.securemodel.core.tenant.ClientId;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit trail on DynamoDB: appended in batches, never changed, read back by its client only, in time order
 * either way, page by page. Runs on the local cloud; {@link DynamoDbAuditStoreOnLocalStackIT} runs the same tests on
 * LocalStack.
 */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbAuditStoreIT {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(2192);

    private DynamoDbClient dynamoDb;
    private String table;
    private DynamoDbAuditStore audit;

    @BeforeEach
    void setUp(AwsEndpoints cloud) {
        dynamoDb = LocalClients.dynamoDb(cloud);
        table = "audit-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
        audit = new DynamoDbAuditStore(dynamoDb, table, RETENTION);
    }

    private static CallRecord record(ClientId client, int second, String requestId) {
        return new CallRecord(client, "key_1", "dep_a", "POST /v1/deployments/{deployment_id}/generate", "paitient",
                requestId, T0.plusSeconds(second), 12, 34, 200, 56);
    }

    private List<String> requestIds(AuditStore.AuditPage page) {
        return page.records().stream().map(CallRecord::requestId).toList();
    }

    @Test
    void append_storesEveryRecordWithItsFields_overSeveralBatches() {
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(record(CLIENT, i, "req_" + i));
        }

        assertThat(audit.append(records)).isEmpty();

        AuditStore.AuditPage all = audit.list(CLIENT, T0, T0.plusSeconds(60), true, 100, null);
        assertThat(all.records()).containsExactlyElementsOf(records);
        assertThat(all.last()).isNull();
        Map<String, AttributeValue> item = dynamoDb.scan(b -> b.tableName(table).limit(1)).items().getFirst();
        assertThat(item.get("pk").s()).isEqualTo("CLIENT#acme");
        assertThat(item.get("sk").s()).matches("AUDIT#\\d{13}#req_\\d+");
        assertThat(item.get("type").s()).isEqualTo("audit");
        long time = Instant.parse(item.get("time").s()).getEpochSecond();
        assertThat(Long.parseLong(item.get("ttl").n())).isEqualTo(time + RETENTION.toSeconds());
    }

    @Test
    void append_isAppendOnly_aRecordAppendedAgainIsStoredOnce_andThePortCannotChangeOrDelete() {
        CallRecord once = record(CLIENT, 1, "req_same");
        audit.append(List.of(once));
        audit.append(List.of(once));

        assertThat(audit.list(CLIENT, T0, T0.plusSeconds(10), true, 10, null).records()).containsExactly(once);
        assertThat(dynamoDb.scan(b -> b.tableName(table)).count()).isEqualTo(1);
        assertThat(Arrays.stream(AuditStore.class.getDeclaredMethods()).map(Method::getName))
                .containsExactlyInAnyOrder("append", "list");
    }

    @Test
    void list_isReadByItsClientOnly() {
        audit.append(List.of(record(CLIENT, 1, "req_mine"), record(OTHER_CLIENT, 2, "req_theirs")));

        assertThat(requestIds(audit.list(CLIENT, T0, T0.plusSeconds(10), true, 10, null))).containsExactly("req_mine");
        assertThat(requestIds(audit.list(OTHER_CLIENT, T0, T0.plusSeconds(10), true, 10, null)))
                .containsExactly("req_theirs");
        assertThat(requestIds(audit.list(new ClientId("nobody"), T0, T0.plusSeconds(10), true, 10, null))).isEmpty();
    }

    @Test
    void list_ordersEitherWay_pagesWithoutGapsOrRepeats_andKeepsToTheRange() {
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            records.add(record(CLIENT, i, "req_" + i));
        }
        audit.append(records);

        for (boolean ascending : new boolean[] {true, false}) {
            List<String> seen = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                AuditStore.AuditPage page = audit.list(CLIENT, T0, T0.plusSeconds(7), ascending, 3, after);
                seen.addAll(requestIds(page));
                after = page.last();
                pages++;
            } while (after != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).containsExactlyElementsOf(ascending
                    ? List.of("req_0", "req_1", "req_2", "req_3", "req_4", "req_5", "req_6")
                    : List.of("req_6", "req_5", "req_4", "req_3", "req_2", "req_1", "req_0"));
        }
        // from inclusive, to exclusive
        assertThat(requestIds(audit.list(CLIENT, T0.plusSeconds(2), T0.plusSeconds(4), true, 10, null)))
                .containsExactly("req_2", "req_3");
    }

    private static CallRecord recordAtMillis(ClientId client, long millis, String requestId) {
        return new CallRecord(client, "key_1", "dep_a", "POST /v1/chat/completions", "openai", requestId,
                T0.plusMillis(millis), 3, 4, 200, 5);
    }

    private List<String> readAll(boolean ascending, int pageSize, Instant from, Instant to) {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            AuditStore.AuditPage page = audit.list(CLIENT, from, to, ascending, pageSize, after);
            seen.addAll(requestIds(page));
            after = page.last();
        } while (after != null);
        return seen;
    }

    @Test
    void append_packsAClientsRecordsOfASecondIntoOneItem_andReadsEveryOneBackInOrder() {
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            records.add(recordAtMillis(CLIENT, i * 8L, "req_" + (1000 + i)));
        }
        records.add(recordAtMillis(OTHER_CLIENT, 5, "req_theirs"));

        assertThat(audit.append(records)).isEmpty();

        // an item holds at most 100 records of less than a second after its first: 0-99 (0-792 ms), 100-199
        // (800-1592 ms), 200-249; and the other client's record alone
        List<Map<String, AttributeValue>> items = dynamoDb.scan(b -> b.tableName(table)).items();
        assertThat(items).hasSize(4);
        Map<String, AttributeValue> pack = items.stream().filter(i -> i.get("sk").s().contains("#req_1000#"))
                .findFirst().orElseThrow();
        assertThat(pack.get("sk").s()).matches("AUDIT#\\d{13}#req_1000#[0-9a-f]{12}");
        assertThat(pack.get("count").n()).isEqualTo("100");
        assertThat(pack.get("type").s()).isEqualTo("audit");
        assertThat(Long.parseLong(pack.get("ttl").n()))
                .isEqualTo(T0.plusMillis(99 * 8).plus(RETENTION).getEpochSecond());
        List<CallRecord> mine = records.subList(0, 250);
        assertThat(audit.list(CLIENT, T0, T0.plusSeconds(3), true, 1000, null).records())
                .containsExactlyElementsOf(mine);
        List<String> ids = mine.stream().map(CallRecord::requestId).toList();
        assertThat(readAll(true, 7, T0, T0.plusSeconds(3))).containsExactlyElementsOf(ids);
        assertThat(readAll(false, 7, T0, T0.plusSeconds(3))).containsExactlyElementsOf(ids.reversed());
        // a range that starts and ends inside packs
        assertThat(readAll(true, 10, T0.plusMillis(796), T0.plusMillis(1208)))
                .containsExactlyElementsOf(ids.subList(100, 151));
        assertThat(readAll(false, 10, T0.plusMillis(796), T0.plusMillis(1208)))
                .containsExactlyElementsOf(ids.subList(100, 151).reversed());
    }

    @Test
    void list_mergesOverlappingPacksOfSeveralWriters_inExactOrder_andReturnsARecordWrittenTwiceOnce() {
        List<CallRecord> even = new ArrayList<>();
        List<CallRecord> odd = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            (i % 2 == 0 ? even : odd).add(recordAtMillis(CLIENT, i * 30L, "req_" + (100 + i)));
        }
        audit.append(even); // one writer's flush
        audit.append(odd); // another's, over the same seconds
        audit.append(List.of(even.get(3), odd.get(3), even.get(4))); // a retried write that had landed
        audit.append(List.of(odd.get(10))); // and one alone

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add("req_" + (100 + i));
        }
        for (int pageSize : new int[] {1, 3, 100}) {
            assertThat(readAll(true, pageSize, T0, T0.plusSeconds(2))).containsExactlyElementsOf(ids);
            assertThat(readAll(false, pageSize, T0, T0.plusSeconds(2))).containsExactlyElementsOf(ids.reversed());
        }
    }

    @Test
    void aLandedPackAppendedAgainWithOtherRecords_isNeverReplaced_andEachRecordReadsOnce() {
        List<CallRecord> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(recordAtMillis(CLIENT, i * 10L, "req_" + (200 + i)));
        }
        audit.append(first);
        Map<String, AttributeValue> stored = dynamoDb.scan(b -> b.tableName(table)).items().getFirst();
        // the same records again, exactly (a retry of that pack): the same item, nothing added
        audit.append(first);
        assertThat(dynamoDb.scan(b -> b.tableName(table)).items()).containsExactly(stored);
        // three of them again, packed with newer records of the same second (a write that landed though it failed)
        List<CallRecord> regrouped = new ArrayList<>(first.subList(0, 3));
        regrouped.add(recordAtMillis(CLIENT, 15, "req_250"));
        regrouped.add(recordAtMillis(CLIENT, 60, "req_251"));
        audit.append(regrouped);

        List<Map<String, AttributeValue>> items = dynamoDb.scan(b -> b.tableName(table)).items();
        assertThat(items).hasSize(2).contains(stored);
        assertThat(readAll(true, 2, T0, T0.plusSeconds(1))).containsExactly("req_200", "req_201", "req_250",
                "req_202", "req_203", "req_204", "req_251");
    }
}
