package com.securemodel.functions.aws;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.deployment.SecuritySettings;
import com.securemodel.core.deployment.VpcConfig;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.fakes.TestDeployments;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Runs on the local cloud; {@link DynamoDbDeploymentStoreOnLocalStackIT} runs the same tests on LocalStack. */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbDeploymentStoreIT {

    private final LocalClients.Recorder recorder = new LocalClients.Recorder();
    private DynamoDbDeploymentStore store;

    @BeforeEach
    void setUp(AwsEndpoints cloud) {
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud, recorder);
        String table = "deployments-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
        store = new DynamoDbDeploymentStore(dynamoDb, table);
    }

    @Test
    void create_thenFind_returnsEveryField() {
        Deployment full = new Deployment(CLIENT, "dep_full000001", "ZimaBlueAI/HuatuoGPT-o1-8B", "clinical", "gpu",
                "g4dn.12xlarge", 1, 3, 0, true, "us-west-2", new VpcConfig(List.of("subnet-1"), List.of("sg-1")),
                Map.of("team", "radiology", "env", "prod"), new ModelConfig(4096, 512, 0.7, 0.95, "int8"),
                new SecuritySettings(true, false, "high", true, "hipaa"),
                TestDeployments.deployment("dep_full000001", DeploymentStatus.CREATING).hosting(),
                DeploymentStatus.CREATING, null, Instant.parse("2025-01-02T03:04:05.123Z"),
                Instant.parse("2025-01-02T03:04:05.123Z"), 1);

        store.create(full);

        assertThat(store.find(CLIENT, "dep_full000001")).contains(full);
    }

    @Test
    void create_whenIdExists_throwsConcurrentUpdate() {
        Deployment deployment = TestDeployments.deployment("dep_twice00001", DeploymentStatus.CREATING);
        store.create(deployment);

        assertThatThrownBy(() -> store.create(deployment)).isInstanceOf(ConcurrentUpdateException.class)
                .hasCauseInstanceOf(software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException.class);
    }

    @Test
    void update_writesNextVersionConditionallyOnTheReadOne() {
        Deployment created = store.create(TestDeployments.deployment("dep_update0001", DeploymentStatus.CREATING));

        Deployment updated = store.update(created.withStatus(DeploymentStatus.RUNNING, null, Instant.now()));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(store.find(CLIENT, "dep_update0001")).get()
                .extracting(Deployment::status, Deployment::version).containsExactly(DeploymentStatus.RUNNING, 2L);
        PutItemRequest put = recorder.of(PutItemRequest.class).getLast();
        assertThat(put.conditionExpression()).isEqualTo("#version = :expected");
        assertThat(put.expressionAttributeNames()).containsEntry("#version", "version");
        assertThat(put.expressionAttributeValues().get(":expected").n()).isEqualTo("1");
        assertThat(put.item().get("version").n()).isEqualTo("2");
    }

    @Test
    void update_whenVersionIsStale_throwsConcurrentUpdate() {
        Deployment created = store.create(TestDeployments.deployment("dep_stale00001", DeploymentStatus.CREATING));
        store.update(created.withStatus(DeploymentStatus.RUNNING, null, Instant.now()));

        assertThatThrownBy(() -> store.update(created.withStatus(DeploymentStatus.FAILED, "late", Instant.now())))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.find(CLIENT, "dep_stale00001")).get().extracting(Deployment::status)
                .isEqualTo(DeploymentStatus.RUNNING);
    }

    @Test
    void find_withAnotherClientsId_returnsEmpty() {
        store.create(TestDeployments.deployment("dep_private001", DeploymentStatus.CREATING));

        assertThat(store.find(OTHER_CLIENT, "dep_private001")).isEmpty();
        assertThat(store.list(OTHER_CLIENT)).isEmpty();
    }

    @Test
    void list_returnsOnlyTheClientsDeploymentsNewestFirst() {
        for (int i = 0; i < 3; i++) {
            Deployment d = TestDeployments.deployment("dep_list00000" + i, DeploymentStatus.CREATING);
            Instant at = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i);
            store.create(new Deployment(d.clientId(), d.id(), d.modelName(), d.deploymentName(), d.computeType(),
                    d.instanceType(), 1, 1, 0, false, d.region(), null, Map.of(), null, null, d.hosting(),
                    d.status(), null, at, at, 1));
        }

        assertThat(store.list(CLIENT)).extracting(Deployment::id)
                .containsExactly("dep_list000002", "dep_list000001", "dep_list000000");
    }
}
