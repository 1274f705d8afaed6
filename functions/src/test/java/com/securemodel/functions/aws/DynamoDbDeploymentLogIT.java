package com.securemodel.functions.aws;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.securemodel.core.deployment.DeploymentLog;
import com.securemodel.core.deployment.LogEntry;
import com.securemodel.core.deployment.LogQuery;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.tenant.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Runs on the local cloud; {@link DynamoDbDeploymentLogOnLocalStackIT} runs the same tests on LocalStack. */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbDeploymentLogIT {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private DynamoDbClient dynamoDb;
    private String table;
    private DynamoDbDeploymentLog log;

    @BeforeEach
    void setUp(AwsEndpoints cloud) {
        dynamoDb = LocalClients.dynamoDb(cloud);
        table = "log-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
        log = new DynamoDbDeploymentLog(dynamoDb, table, clock);
    }

    @Test
    void list_returnsNewestFirstUpToTheLimit_andOnlyThatDeployment() {
        for (int i = 0; i < 3; i++) {
            log.append(CLIENT, "dep_a", new LogEntry(clock.instant(), "info", "step " + i, "model-service", null));
            clock.advance(Duration.ofSeconds(1));
        }
        log.append(CLIENT, "dep_ab", new LogEntry(clock.instant(), "info", "other deployment", "x", null));

        assertThat(log.list(CLIENT, "dep_a", 2)).extracting(LogEntry::message).containsExactly("step 2", "step 1");
        assertThat(log.list(CLIENT, "dep_a", 10)).hasSize(3);
        assertThat(log.list(OTHER_CLIENT, "dep_a", 10)).isEmpty();
    }

    @Test
    void append_setsTtlThirtyDaysAhead() {
        log.append(CLIENT, "dep_ttl", new LogEntry(clock.instant(), "info", "created", "deployment-service", "req_1"));

        Map<String, AttributeValue> item = dynamoDb.scan(b -> b.tableName(table)).items().getFirst();
        assertThat(item.get("pk").s()).isEqualTo("CLIENT#acme");
        assertThat(item.get("sk").s()).startsWith("LOG#dep_ttl#" + clock.millis() + "#");
        assertThat(Long.parseLong(item.get("ttl").n()))
                .isCloseTo(clock.instant().plus(Duration.ofDays(30)).getEpochSecond(), within(1L));
        assertThat(log.list(CLIENT, "dep_ttl", 1).getFirst())
                .isEqualTo(new LogEntry(clock.instant(), "info", "created", "deployment-service", "req_1"));
    }

    @Test
    void appendAll_writesEveryLineInBatches_eachUnderItsOwnClientAndDeployment() {
        List<DeploymentLog.Line> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add(new DeploymentLog.Line(i % 3 == 0 ? OTHER_CLIENT : CLIENT, i % 2 == 0 ? "dep_x" : "dep_y",
                    new LogEntry(clock.instant().plusMillis(i), "info", "call " + i, "api", "req_" + i)));
        }

        assertThat(log.appendAll(lines)).isZero();

        assertThat(log.list(CLIENT, "dep_x", 100)).extracting(LogEntry::message)
                .containsExactlyInAnyOrderElementsOf(messagesOf(lines, CLIENT, "dep_x"));
        assertThat(log.list(CLIENT, "dep_y", 100)).hasSize(messagesOf(lines, CLIENT, "dep_y").size());
        assertThat(log.list(OTHER_CLIENT, "dep_x", 100)).extracting(LogEntry::message)
                .containsExactlyInAnyOrderElementsOf(messagesOf(lines, OTHER_CLIENT, "dep_x"));
        // the lines of each client's deployment, all within a second, share one item
        assertThat(dynamoDb.scan(b -> b.tableName(table)).count()).isEqualTo(4);
    }

    @Test
    void appendAll_packsLinesOfASecond_whichQueriesFilterPageAndMergeWithLinesAppendedAlone_inExactOrder() {
        List<DeploymentLog.Line> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lines.add(new DeploymentLog.Line(CLIENT, "dep_p", new LogEntry(T0.plusMillis(i * 10L),
                    i % 10 == 0 ? "error" : "info", "call " + i, "api", "req_" + i)));
        }
        assertThat(log.appendAll(lines)).isZero();
        // worker lines appended alone, between the packed ones
        log.append(CLIENT, "dep_p", new LogEntry(T0.plusMillis(55), "info", "scaled", "deployment-worker", null));
        log.append(CLIENT, "dep_p", new LogEntry(T0.plusMillis(1005), "error", "unhealthy", "deployment-worker",
                null));

        // 0-99 (at most 100 an item) and 100-119, and the two alone
        assertThat(dynamoDb.scan(b -> b.tableName(table)).count()).isEqualTo(4);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            expected.add("call " + i);
            if (i == 5) {
                expected.add("scaled");
            }
            if (i == 100) {
                expected.add("unhealthy");
            }
        }
        Instant end = T0.plusSeconds(2);
        for (int pageSize : new int[] {5, 1000}) {
            assertThat(allMessages("dep_p", new LogQuery(T0, end, null, null, null, true, pageSize)))
                    .containsExactlyElementsOf(expected);
            assertThat(allMessages("dep_p", new LogQuery(T0, end, null, null, null, false, pageSize)))
                    .containsExactlyElementsOf(expected.reversed());
        }
        assertThat(allMessages("dep_p", new LogQuery(T0, end, "error", null, null, false, 3)))
                .containsExactly("call 110", "unhealthy", "call 100", "call 90", "call 80", "call 70", "call 60",
                        "call 50", "call 40", "call 30", "call 20", "call 10", "call 0");
        assertThat(allMessages("dep_p", new LogQuery(T0, end, null, "api", "req_42", true, 5)))
                .containsExactly("call 42");
        assertThat(log.list(CLIENT, "dep_p", 3)).extracting(LogEntry::message)
                .containsExactly("call 119", "call 118", "call 117");
        assertThat(log.query(CLIENT, "dep_p", new LogQuery(T0, end, null, null, null, true, 1), null).entries())
                .containsExactly(new LogEntry(T0, "error", "call 0", "api", "req_0"));
    }

    private List<String> allMessages(String deployment, LogQuery query) {
        List<String> all = new ArrayList<>();
        String after = null;
        do {
            LogQuery.Page page = log.query(CLIENT, deployment, query, after);
            page.entries().forEach(e -> all.add(e.message()));
            after = page.last();
        } while (after != null);
        return all;
    }

    private static List<String> messagesOf(List<DeploymentLog.Line> lines, ClientId client, String deployment) {
        return lines.stream().filter(l -> l.clientId().equals(client) && l.deploymentId().equals(deployment))
                .map(l -> l.entry().message()).toList();
    }

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    /** Six lines a second apart on dep_q (levels, components, request ids mixed), one on dep_qq, one of another client. */
    private void sixLines() {
        String[][] lines = {{"info", "deployment-service", null}, {"error", "api", "req_1"},
            {"info", "api", "req_2"}, {"error", "deployment-worker", null}, {"warning", "api", "req_3"},
            {"error", "api", "req_4"}};
        for (int i = 0; i < lines.length; i++) {
            log.append(CLIENT, "dep_q", new LogEntry(T0.plusSeconds(i), lines[i][0], "line " + i, lines[i][1],
                    lines[i][2]));
        }
        log.append(CLIENT, "dep_qq", new LogEntry(T0.plusSeconds(2), "error", "prefix twin", "api", null));
        log.append(OTHER_CLIENT, "dep_q", new LogEntry(T0.plusSeconds(2), "error", "other client", "api", null));
    }

    private List<String> messages(LogQuery query, String after) {
        return log.query(CLIENT, "dep_q", query, after).entries().stream().map(LogEntry::message).toList();
    }

    @Test
    void query_filtersByLevelComponentAndRequestId_withinTheRange() {
        sixLines();
        Instant end = T0.plusSeconds(6);

        assertThat(messages(new LogQuery(T0, end, "error", null, null, true, 100), null))
                .containsExactly("line 1", "line 3", "line 5");
        assertThat(messages(new LogQuery(T0, end, null, "api", null, true, 100), null))
                .containsExactly("line 1", "line 2", "line 4", "line 5");
        assertThat(messages(new LogQuery(T0, end, "error", "api", null, true, 100), null))
                .containsExactly("line 1", "line 5");
        assertThat(messages(new LogQuery(T0, end, null, null, "req_3", true, 100), null)).containsExactly("line 4");
        // from inclusive, to exclusive
        assertThat(messages(new LogQuery(T0.plusSeconds(1), T0.plusSeconds(3), null, null, null, true, 100), null))
                .containsExactly("line 1", "line 2");
        assertThat(log.query(OTHER_CLIENT, "dep_q", new LogQuery(T0, end, null, null, null, true, 100), null)
                .entries()).extracting(LogEntry::message).containsExactly("other client");
    }

    @Test
    void query_ordersAscendingOrNewestFirst_andPagesWithoutGapsOrRepeats() {
        sixLines();
        Instant end = T0.plusSeconds(6);
        assertThat(messages(new LogQuery(T0, end, null, null, null, false, 100), null))
                .containsExactly("line 5", "line 4", "line 3", "line 2", "line 1", "line 0");

        for (boolean ascending : new boolean[] {true, false}) {
            LogQuery query = new LogQuery(T0, end, null, null, null, ascending, 4);
            LogQuery.Page first = log.query(CLIENT, "dep_q", query, null);
            assertThat(first.entries()).hasSize(4);
            assertThat(first.last()).isNotNull();
            LogQuery.Page second = log.query(CLIENT, "dep_q", query, first.last());
            assertThat(second.entries()).hasSize(2);
            assertThat(second.last()).isNull();
            List<String> all = new ArrayList<>();
            first.entries().forEach(e -> all.add(e.message()));
            second.entries().forEach(e -> all.add(e.message()));
            assertThat(all).containsExactlyElementsOf(ascending
                    ? List.of("line 0", "line 1", "line 2", "line 3", "line 4", "line 5")
                    : List.of("line 5", "line 4", "line 3", "line 2", "line 1", "line 0"));
        }
        // a filtered page: errors two at a time, newest first
        LogQuery errors = new LogQuery(T0, end, "error", null, null, false, 2);
        LogQuery.Page page = log.query(CLIENT, "dep_q", errors, null);
        assertThat(page.entries()).extracting(LogEntry::message).containsExactly("line 5", "line 3");
        LogQuery.Page rest = log.query(CLIENT, "dep_q", errors, page.last());
        assertThat(rest.entries()).extracting(LogEntry::message).containsExactly("line 1");
        assertThat(rest.last()).isNull();
    }

    @Test
    void query_withAPositionOutsideTheRange_isRefused() {
        sixLines();
        LogQuery query = new LogQuery(T0, T0.plusSeconds(6), null, null, null, true, 2);
        String last = log.query(CLIENT, "dep_q", query, null).last();
        LogQuery later = new LogQuery(T0.plusSeconds(5), T0.plusSeconds(6), null, null, null, true, 2);
        assertThatThrownBy(() -> log.query(CLIENT, "dep_q", later, last))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
