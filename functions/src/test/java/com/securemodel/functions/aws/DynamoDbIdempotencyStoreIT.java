package com.securemodel.functions.aws;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.idempotency.IdempotencyClaim;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code Idempotency-Key} claims on DynamoDB: of concurrent claims exactly one is stored, the others read the holder;
 * replace and release only act on the claim they name. Runs on the local cloud;
 * {@link DynamoDbIdempotencyStoreOnLocalStackIT} runs the same tests on LocalStack.
 */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbIdempotencyStoreIT {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private DynamoDbClient dynamoDb;
    private String table;
    private DynamoDbIdempotencyStore store;

    @BeforeEach
    void setUp(AwsEndpoints cloud) {
        dynamoDb = LocalClients.dynamoDb(cloud);
        table = "idem-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
        store = new DynamoDbIdempotencyStore(dynamoDb, table);
    }

    private static IdempotencyClaim claim(String resourceId) {
        return new IdempotencyClaim(CLIENT, "deployments", "key-1", "hash-a", resourceId, NOW, NOW.plusSeconds(86_400));
    }

    @Test
    void claim_concurrently_storesExactlyOne_andEveryOtherReadsIt() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<IdempotencyClaim>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String resource = "dep_" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return store.claim(claim(resource));
                }));
            }
            go.countDown();
            List<String> winners = new ArrayList<>();
            List<String> holders = new ArrayList<>();
            for (Future<Optional<IdempotencyClaim>> result : results) {
                Optional<IdempotencyClaim> held = result.get();
                if (held.isEmpty()) {
                    winners.add("won");
                } else {
                    holders.add(held.get().resourceId());
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(holders).hasSize(writers - 1).containsOnly(holders.getFirst());
            assertThat(holders.getFirst()).isEqualTo(stored().get("resourceId").s());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claim_isKeyedByClient_withTheFingerprintAndATtl() {
        assertThat(store.claim(claim("dep_1"))).isEmpty();
        assertThat(store.claim(new IdempotencyClaim(OTHER_CLIENT, "deployments", "key-1", "hash-b", "dep_2", NOW,
                NOW.plusSeconds(86_400)))).isEmpty();

        Map<String, AttributeValue> item = stored();
        assertThat(item.get("pk").s()).isEqualTo("CLIENT#acme");
        assertThat(item.get("sk").s()).isEqualTo("IDEMPOTENCY#deployments#key-1");
        assertThat(item.get("fingerprint").s()).isEqualTo("hash-a");
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(NOW.plusSeconds(86_400).getEpochSecond()));
        assertThat(store.claim(claim("dep_3"))).contains(claim("dep_1"));
    }

    @Test
    void replaceAndRelease_actOnlyOnTheClaimTheyName() {
        store.claim(claim("dep_1"));

        assertThat(store.replace(claim("dep_other"), claim("dep_2"))).isFalse();
        store.release(claim("dep_other"));
        assertThat(store.claim(claim("dep_x"))).contains(claim("dep_1"));

        assertThat(store.replace(claim("dep_1"), claim("dep_2"))).isTrue();
        assertThat(store.claim(claim("dep_x"))).contains(claim("dep_2"));
        store.release(claim("dep_2"));
        assertThat(store.claim(claim("dep_3"))).isEmpty();
    }

    private Map<String, AttributeValue> stored() {
        return dynamoDb.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("CLIENT#acme"),
                "sk", AttributeValue.fromS("IDEMPOTENCY#deployments#key-1")))).item();
    }
}
