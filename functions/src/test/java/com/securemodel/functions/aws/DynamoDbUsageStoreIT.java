package com.securemodel.functions.aws;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.usage.LatencySketch;
import com.securemodel.core.usage.UsageTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Usage items on DynamoDB: counters and latency sketch buckets added atomically, so that writers (instances)
 * flushing the same minute add up. Runs on the local cloud; {@link DynamoDbUsageStoreOnLocalStackIT} runs the same
 * tests on LocalStack.
 */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbUsageStoreIT {

    private static final Instant MINUTE = Instant.parse("2025-03-01T10:00:00Z");

    private DynamoDbClient dynamoDb;
    private String table;
    private DynamoDbUsageStore first;
    private DynamoDbUsageStore second;

    @BeforeEach
    void setUp(AwsEndpoints cloud) {
        dynamoDb = LocalClients.dynamoDb(cloud);
        table = "usage-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
        // two writers, as two instances of the function each with its own store and client
        first = new DynamoDbUsageStore(dynamoDb, table);
        second = new DynamoDbUsageStore(LocalClients.dynamoDb(cloud), table);
    }

    private static UsageTotals call(String deployment, Instant minute, long latencyMillis, boolean failed) {
        LatencySketch sketch = new LatencySketch();
        sketch.accept(latencyMillis);
        return new UsageTotals(CLIENT, deployment, minute, 1, failed ? 1 : 0, 10, 3, latencyMillis, sketch);
    }

    @Test
    void add_fromTwoConcurrentWriters_sumsEveryCounterAndMergesTheSketches() throws Exception {
        int perWriter = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<UsageTotals>>> results = new ArrayList<>();
        LatencySketch expected = new LatencySketch();
        for (int i = 0; i < 2 * perWriter; i++) {
            expected.accept(5 + i * 7);
        }
        try {
            for (int w = 0; w < 2; w++) {
                DynamoDbUsageStore store = w == 0 ? first : second;
                int offset = w * perWriter;
                results.add(pool.submit(() -> {
                    go.await();
                    List<UsageTotals> unwritten = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        int n = offset + i;
                        unwritten.addAll(store.add(List.of(call("dep_u", MINUTE, 5 + n * 7L, n % 4 == 0))));
                    }
                    return unwritten;
                }));
            }
            go.countDown();
            for (Future<List<UsageTotals>> result : results) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }

        UsageTotals stored = first.find(CLIENT, "dep_u", MINUTE, MINUTE.plusSeconds(60)).getFirst();
        assertThat(stored.requests()).isEqualTo(80);
        assertThat(stored.errors()).isEqualTo(20);
        assertThat(stored.promptTokens()).isEqualTo(800);
        assertThat(stored.completionTokens()).isEqualTo(240);
        long latencySum = 0;
        for (int n = 0; n < 80; n++) {
            latencySum += 5 + n * 7L;
        }
        assertThat(stored.latencyMillis()).isEqualTo(latencySum);
        assertThat(stored.latency()).isEqualTo(expected);
        assertThat(stored.latency().quantile(0.5)).isEqualTo(expected.quantile(0.5));
    }

    @Test
    void add_aSketchOfManyBuckets_isSplitIntoSeveralUpdates_andReadBackWhole() {
        LatencySketch wide = new LatencySketch();
        for (double v = 1; v < 1_000_000; v *= 1.01) {
            wide.accept(v);
        }
        wide.accept(0);
        assertThat(wide.buckets().size()).isGreaterThan(2 * DynamoDbUsageStore.BUCKETS_PER_UPDATE);
        UsageTotals item = new UsageTotals(CLIENT, "dep_w", MINUTE, wide.count(), 0, 0, 0, 0, wide);

        assertThat(first.add(List.of(item))).isEmpty();
        assertThat(second.add(List.of(item))).isEmpty();

        LatencySketch twice = wide.copy();
        twice.merge(wide);
        UsageTotals stored = first.find(CLIENT, "dep_w", MINUTE, MINUTE.plusSeconds(60)).getFirst();
        assertThat(stored.requests()).isEqualTo(2 * wide.count());
        assertThat(stored.latency()).isEqualTo(twice);
        assertThat(stored.latency().zeros()).isEqualTo(2);
    }

    @Test
    void find_returnsTheClientsDeploymentMinutesInTheRange_fromInclusiveToExclusive() {
        Instant next = MINUTE.plusSeconds(60);
        first.add(List.of(call("dep_r", MINUTE.minusSeconds(60), 1, false), call("dep_r", MINUTE, 2, false),
                call("dep_r", next, 3, false), call("dep_r", next.plusSeconds(60), 4, false),
                call("dep_rr", MINUTE, 5, false)));
        second.add(List.of(new UsageTotals(OTHER_CLIENT, "dep_r", MINUTE, 7, 0, 0, 0, 0)));

        List<UsageTotals> found = first.find(CLIENT, "dep_r", MINUTE, next.plusSeconds(60));

        assertThat(found).extracting(UsageTotals::minute).containsExactly(MINUTE, next);
        assertThat(found).allSatisfy(t -> {
            assertThat(t.clientId()).isEqualTo(CLIENT);
            assertThat(t.deploymentId()).isEqualTo("dep_r");
            assertThat(t.requests()).isEqualTo(1);
        });
        assertThat(first.find(OTHER_CLIENT, "dep_r", MINUTE, next)).singleElement()
                .satisfies(t -> assertThat(t.requests()).isEqualTo(7));
    }

    @Test
    void add_keysTheItemByClientAndSetsTheTtl() {
        first.add(List.of(call("dep_t", MINUTE, 12, false)));

        Map<String, AttributeValue> item = dynamoDb.scan(b -> b.tableName(table)).items().getFirst();
        assertThat(item.get("pk").s()).isEqualTo("CLIENT#acme");
        assertThat(item.get("sk").s()).isEqualTo("USAGE#dep_t#2025-03-01T10:00:00Z");
        assertThat(item.get("type").s()).isEqualTo("usage");
        assertThat(Long.parseLong(item.get("ttl").n())).isEqualTo(MINUTE.plus(Duration.ofDays(400)).getEpochSecond());
    }
}
