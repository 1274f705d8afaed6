package com.securemodel.functions.aws;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.endpoint.Endpoint;
import com.securemodel.core.endpoint.Endpoint.Kind;
import com.securemodel.core.endpoint.Endpoint.Target;
import com.securemodel.core.endpoint.EndpointNameTakenException;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The endpoint items and their name claims on the local cloud's DynamoDB. */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbEndpointStoreIT {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    private final LocalClients.Recorder recorder = new LocalClients.Recorder();
    private DynamoDbEndpointStore store;

    @BeforeEach
    void setUp(AwsEndpoints cloud) {
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud, recorder);
        String table = "endpoints-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
        store = new DynamoDbEndpointStore(dynamoDb, table);
    }

    private static Endpoint endpoint(ClientId client, String id, String name) {
        return new Endpoint(client, id, name, Kind.ENDPOINT, List.of(new Target("dep_a", 100)), NOW, NOW, 1);
    }

    private static Endpoint canary(String id, String name) {
        return new Endpoint(CLIENT, id, name, Kind.CANARY, List.of(new Target("dep_a", 90), new Target("dep_b", 10)),
                NOW, NOW, 1);
    }

    @Test
    void create_thenFindByIdAndByName_returnEveryField() {
        Endpoint created = store.create(canary("cep_1", "clinical-canary"));

        assertThat(store.find(CLIENT, "cep_1")).contains(created);
        assertThat(store.findByName(CLIENT, "clinical-canary")).contains(created);
        assertThat(store.find(OTHER_CLIENT, "cep_1")).isEmpty();
        assertThat(store.findByName(OTHER_CLIENT, "clinical-canary")).isEmpty();
    }

    @Test
    void create_writesTheEndpointAndItsNameClaimInOneConditionalTransaction() {
        store.create(endpoint(CLIENT, "ep_1", "prod"));

        TransactWriteItemsRequest write = recorder.of(TransactWriteItemsRequest.class).getLast();
        assertThat(write.transactItems()).hasSize(2).allSatisfy(item ->
                assertThat(item.put().conditionExpression()).isEqualTo("attribute_not_exists(pk)"));
        assertThat(write.transactItems().get(0).put().item().get("sk").s()).isEqualTo("ENDPOINT#ep_1");
        assertThat(write.transactItems().get(1).put().item().get("sk").s()).isEqualTo("EPNAME#prod");
        assertThat(write.transactItems()).allSatisfy(item ->
                assertThat(item.put().item().get("pk").s()).isEqualTo("CLIENT#" + CLIENT.value()));
    }

    @Test
    void create_manyOfOneNameAtOnce_oneWins_andEveryOtherIsNameTaken() throws Exception {
        int creates = 8;
        CyclicBarrier start = new CyclicBarrier(creates);
        ExecutorService pool = Executors.newFixedThreadPool(creates);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < creates; i++) {
            String id = "ep_race" + i;
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    store.create(endpoint(CLIENT, id, "triage"));
                    return "created";
                } catch (EndpointNameTakenException e) {
                    return "taken";
                }
            }));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();

        assertThat(results).containsOnlyOnce("created").containsOnly("created", "taken");
        assertThat(store.findByName(CLIENT, "triage")).isPresent();
    }

    @Test
    void create_withANameTheClientHas_isNameTaken_andAnotherClientMayUseIt() {
        store.create(endpoint(CLIENT, "ep_1", "prod"));

        assertThatThrownBy(() -> store.create(canary("cep_2", "prod"))).isInstanceOf(EndpointNameTakenException.class);
        assertThatThrownBy(() -> store.create(endpoint(CLIENT, "ep_1", "other")))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.create(endpoint(OTHER_CLIENT, "ep_9", "prod")).clientId()).isEqualTo(OTHER_CLIENT);
        assertThat(store.list(CLIENT)).extracting(Endpoint::id).containsExactly("ep_1");
    }

    @Test
    void update_isConditionalOnTheVersion() {
        Endpoint created = store.create(endpoint(CLIENT, "ep_1", "prod"));

        Endpoint moved = store.update(created.withTargets(List.of(new Target("dep_b", 100)), NOW.plusSeconds(1)));

        assertThat(moved.version()).isEqualTo(2);
        assertThat(store.find(CLIENT, "ep_1")).contains(moved);
        assertThatThrownBy(() -> store.update(created)).isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void delete_removesBothItems_soTheNameIsFreeAgain_andIsHarmlessTwice() {
        Endpoint created = store.create(endpoint(CLIENT, "ep_1", "prod"));

        store.delete(created);
        store.delete(created);

        assertThat(store.find(CLIENT, "ep_1")).isEmpty();
        assertThat(store.findByName(CLIENT, "prod")).isEmpty();
        Endpoint again = store.create(endpoint(CLIENT, "ep_2", "prod"));
        store.delete(created);
        assertThat(store.findByName(CLIENT, "prod")).contains(again);
        assertThatThrownBy(() -> store.update(created)).isInstanceOf(ConcurrentUpdateException.class);
    }
}
