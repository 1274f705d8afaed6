package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.deployment.CreateDeploymentRequest;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentLimits;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.ObservedDeploymentStore;
import com.securemodel.core.deployment.ProvisionTask;
import com.securemodel.core.deployment.ProvisioningService;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.FakeModelHost;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.limits.DeploymentQuota;
import com.securemodel.core.limits.Tier;
import com.securemodel.core.limits.TierCatalog;
import com.securemodel.core.limits.TierResolver;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ClientId;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The deployment quota on DynamoDB (the local cloud's DynamoDB Local): the real {@link DeploymentService} and
 * deployment worker over {@link DynamoDbDeploymentStore} and {@link DynamoDbDeploymentQuota}, many creates at once,
 * and every path that ends a deployment (delete, the dead-letter handling, a slot left by a create that died).
 */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbDeploymentQuotaIT {

    private static final String TINY = "securemodel/tiny-random-llama";
    private static final ClientId CLIENT = new ClientId("quota-" + UUID.randomUUID().toString().substring(0, 8));

    private final LocalClients.Recorder recorder = new LocalClients.Recorder();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    private DynamoDbDeploymentStore table;
    private DynamoDbDeploymentQuota quota;
    private DynamoDbTierStore tiers;
    private DeploymentService service;
    private ProvisioningService worker;
    private ExecutorService threads;

    @BeforeEach
    void setUp(AwsEndpoints cloud) {
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud, recorder);
        String name = "quota-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, name);
        table = new DynamoDbDeploymentStore(dynamoDb, name);
        quota = new DynamoDbDeploymentQuota(dynamoDb, name);
        tiers = new DynamoDbTierStore(dynamoDb, name);
        ObservedDeploymentStore store = new ObservedDeploymentStore(table);
        TierResolver resolver = new TierResolver(new TierCatalog(List.of(
                new Tier("five", 5, 100, 1000, 1_000_000), new Tier("eight-gpus", 10, 8, 1000, 1_000_000)), "five"),
                tiers, clock, Duration.ZERO);
        DeploymentLimits limits = new DeploymentLimits(quota, resolver, InstanceCatalog.builtIn(), store, clock);
        store.onChange(limits::releaseIfEnded);
        service = new DeploymentService(store, queue, log, ModelRegistry.builtIn(),
                new GpuFit(InstanceCatalog.builtIn()), TestDeployments.settings(), clock, IdGenerator.random(), limits,
                null);
        worker = new ProvisioningService(store, new FakeModelHost(), queue, log, new ContainerConfigFactory(),
                TestDeployments.settings(), clock);
        threads = Executors.newFixedThreadPool(20);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    private static CreateDeploymentRequest tiny(String name, String instanceType, int replicas) {
        return new CreateDeploymentRequest(TINY, name, "gpu", instanceType, replicas, replicas, false, "us-east-1",
                null, Map.of(), null, null);
    }

    @Test
    void fortyCreatesFromTwentyThreads_leaveExactlyTheLimitLive_andEveryOtherIsQuotaExceeded() throws Exception {
        // given: a limit of 5 live deployments, 20 threads released together
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "race-" + i;
            answers.add(threads.submit(() -> {
                start.await();
                try {
                    return service.create(CLIENT, tiny(name, "g4dn.xlarge", 1)).id();
                } catch (ServiceException e) {
                    return e.code().wire();
                }
            }));
        }

        // when
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> answer : answers) {
            outcomes.add(answer.get());
        }

        // then: five deployments, 35 refusals, and the counter is the sum of the slots
        assertThat(outcomes.stream().filter(o -> o.startsWith("dep_"))).hasSize(5);
        assertThat(outcomes.stream().filter(o -> !o.startsWith("dep_"))).hasSize(35).containsOnly("quota_exceeded");
        assertThat(live()).hasSize(5);
        assertThat(quota.usage(CLIENT)).isEqualTo(new DeploymentQuota.Usage(5, 5));
        assertThat(quota.slots(CLIENT)).extracting(DeploymentQuota.Slot::deploymentId)
                .containsExactlyInAnyOrderElementsOf(live().stream().map(Deployment::id).toList());
        assertThat(queue.tasks()).hasSize(5);

        // and: deleting two (the worker removes them) gives two slots back
        runWorker();
        List<Deployment> running = live();
        service.delete(CLIENT, running.get(0).id(), true);
        service.delete(CLIENT, running.get(1).id(), true);
        runWorker();
        assertThat(table.find(CLIENT, running.get(0).id())).get().extracting(Deployment::status)
                .isEqualTo(DeploymentStatus.DELETED);
        assertThat(quota.usage(CLIENT)).isEqualTo(new DeploymentQuota.Usage(3, 3));
        service.create(CLIENT, tiny("again-1", "g4dn.xlarge", 1));
        service.create(CLIENT, tiny("again-2", "g4dn.xlarge", 1));
        assertThatThrownBy(() -> service.create(CLIENT, tiny("one-too-many", "g4dn.xlarge", 1)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                    assertThat(e.getMessage()).contains("5 live deployments", "'five' tier allows 5 deployments",
                            "delete a deployment first");
                });
        assertThat(live()).hasSize(5);
    }

    @Test
    void gpuInstances_countReplicasTimesGpusOfTheInstanceType() {
        tiers.set(CLIENT, "eight-gpus", clock.instant());
        tiers.set(OTHER, "eight-gpus", clock.instant());

        // 2 x g4dn.12xlarge (4 GPUs each) take the whole tier
        service.create(CLIENT, tiny("big", "g4dn.12xlarge", 2));

        assertThat(quota.usage(CLIENT)).isEqualTo(new DeploymentQuota.Usage(1, 8));
        assertThatThrownBy(() -> service.create(CLIENT, tiny("small", "g4dn.xlarge", 1)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getMessage())
                        .contains("holding 8 GPU instances", "8 GPU instances, and this one needs 1"));
        assertThatThrownBy(() -> service.create(OTHER, tiny("too-big", "g4dn.12xlarge", 3)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getMessage())
                        .contains("needs 12 GPU instances"));
        assertThat(queue.tasks()).hasSize(1);
    }

    private static final ClientId OTHER = new ClientId("quota-other-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void exhaustedMessages_failTheDeployment_andGiveItsSlotBackOnce() {
        Deployment created = service.create(CLIENT, tiny("doomed", "g4dn.xlarge", 1));
        ProvisionTask provision = queue.drain().getFirst().task();

        // the dead-letter path: the last delivery failed, twice (a redelivery of the same message)
        worker.exhausted(provision);
        worker.exhausted(provision);

        assertThat(table.find(CLIENT, created.id())).get().extracting(Deployment::status)
                .isEqualTo(DeploymentStatus.FAILED);
        assertThat(quota.usage(CLIENT)).isEqualTo(DeploymentQuota.Usage.NONE);
        quota.release(CLIENT, created.id());
        assertThat(quota.usage(CLIENT)).isEqualTo(DeploymentQuota.Usage.NONE);
    }

    @Test
    void slotOfACreateThatDied_isTakenBackWhenACreateIsRefused() {
        // given: five slots, one of them for a deployment never stored (the process died between the two writes)
        for (int i = 0; i < 4; i++) {
            service.create(CLIENT, tiny("kept-" + i, "g4dn.xlarge", 1));
        }
        assertThat(quota.reserve(CLIENT, "dep_neverstored", 1, 5, 100, clock.instant())).isTrue();
        assertThatThrownBy(() -> service.create(CLIENT, tiny("refused-while-young", "g4dn.xlarge", 1)))
                .isInstanceOf(ServiceException.class);

        // when: the orphan is older than a create can take
        clock.advance(Duration.ofMinutes(3));
        service.create(CLIENT, tiny("after-healing", "g4dn.xlarge", 1));

        // then
        assertThat(quota.slots(CLIENT)).extracting(DeploymentQuota.Slot::deploymentId)
                .doesNotContain("dep_neverstored").hasSize(5);
        assertThat(quota.usage(CLIENT)).isEqualTo(new DeploymentQuota.Usage(5, 5));
    }

    @Test
    void takingASlot_isOneTransactionOfTheSlotAndTheConditionalCounter() {
        quota.reserve(CLIENT, "dep_pinned", 2, 5, 16, clock.instant());

        TransactWriteItemsRequest written = recorder.of(TransactWriteItemsRequest.class).getLast();
        assertThat(written.transactItems()).hasSize(2);
        assertThat(written.transactItems().get(0).put().conditionExpression()).isEqualTo("attribute_not_exists(pk)");
        assertThat(written.transactItems().get(0).put().item().get("sk").s()).isEqualTo("QUOTA#SLOT#dep_pinned");
        var counter = written.transactItems().get(1).update();
        assertThat(counter.key().get("pk").s()).isEqualTo("CLIENT#" + CLIENT.value());
        assertThat(counter.key().get("sk").s()).isEqualTo("QUOTA#DEPLOYMENTS");
        assertThat(counter.updateExpression()).isEqualTo("SET #type = :type ADD deployments :one, gpuInstances :gpus");
        assertThat(counter.conditionExpression()).isEqualTo("(attribute_not_exists(deployments) OR deployments <="
                + " :deploymentRoom) AND (attribute_not_exists(gpuInstances) OR gpuInstances <= :gpuRoom)");
        assertThat(counter.expressionAttributeValues().get(":deploymentRoom").n()).isEqualTo("4");
        assertThat(counter.expressionAttributeValues().get(":gpuRoom").n()).isEqualTo("14");
    }

    private List<Deployment> live() {
        return table.list(CLIENT).stream().filter(d -> d.status() != DeploymentStatus.DELETED
                && d.status() != DeploymentStatus.FAILED).toList();
    }

    private void runWorker() {
        for (int i = 0; i < 200; i++) {
            var next = queue.poll();
            if (next.isEmpty()) {
                return;
            }
            worker.handle(next.get().task());
        }
        throw new AssertionError("the worker did not settle");
    }

}
