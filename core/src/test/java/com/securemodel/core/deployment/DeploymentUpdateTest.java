package com.securemodel.core.deployment;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.FakeModelHost;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingEndpointScaling;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.model.ModelRegistry;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PATCH /v1/deployments/{id}: the service's update, then the worker's steps. */
class DeploymentUpdateTest {

    private static final String HUATUO = "ZimaBlueAI/HuatuoGPT-o1-8B";

    private final InMemoryDeploymentStore store = new InMemoryDeploymentStore();
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    private final MutableClock clock = new MutableClock();
    private final FakeModelHost host = new FakeModelHost();
    private final RecordingEndpointScaling scaling = new RecordingEndpointScaling();
    private final DeploymentService service = new DeploymentService(store, queue, log, ModelRegistry.builtIn(),
            new GpuFit(InstanceCatalog.builtIn()), TestDeployments.settings(), clock, new SequentialIdGenerator(), 10,
            host);
    private final ProvisioningService worker = new ProvisioningService(store, host, queue, log,
            new ContainerConfigFactory(), TestDeployments.settings(), clock, InstanceCatalog.builtIn(), scaling);
    private Deployment running;

    @BeforeEach
    void runningDeployment() {
        Deployment created = service.create(CLIENT, new CreateDeploymentRequest(HUATUO, "clinical-assistant", null,
                "g4dn.xlarge", 1, 3, true, null, null, Map.of("department", "clinical-research",
                "environment", "staging"), new ModelConfig(4096, 1024, 0.7, 0.95, null), null));
        runQueue();
        running = service.get(CLIENT, created.id());
        assertThat(running.status()).isEqualTo(DeploymentStatus.RUNNING);
    }

    private void runQueue() {
        for (int i = 0; i < 50; i++) {
            var next = queue.poll();
            if (next.isEmpty()) {
                return;
            }
            worker.handle(next.get().task());
        }
        throw new AssertionError("the worker did not settle");
    }

    private static UpdateDeploymentRequest patch(Integer min, Integer max, Boolean autoScaling, String instanceType,
                                                 Map<String, String> tags, ModelConfig config) {
        return new UpdateDeploymentRequest(min, max, autoScaling, instanceType, tags, config);
    }

    @Test
    void update_asTheSeedExample_mergesTagsAndModelConfigAndRescales() {
        // when
        Deployment updated = service.update(CLIENT, running.id(), patch(2, 5, null, null,
                Map.of("environment", "production", "version", "2.0"),
                new ModelConfig(null, null, 0.8, null, null)));
        // then
        assertThat(updated.minReplicas()).isEqualTo(2);
        assertThat(updated.maxReplicas()).isEqualTo(5);
        assertThat(updated.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("department", "clinical-research",
                "environment", "production", "version", "2.0"));
        assertThat(updated.modelConfig()).isEqualTo(new ModelConfig(4096, 1024, 0.8, 0.95, "auto"));
        assertThat(updated.status()).isEqualTo(DeploymentStatus.RUNNING);
        assertThat(queue.last().task().action()).isEqualTo(ProvisionTask.Action.SCALE);
        // when the worker takes the task
        runQueue();
        // then
        assertThat(scaling.bounds(running.hosting().endpointName()))
                .isEqualTo(new RecordingEndpointScaling.Bounds(2, 5));
        assertThat(host.updateCalls()).isEmpty();
    }

    @Test
    void update_tagsOnly_changesTheRecordAloneAndQueuesNothing() {
        int sent = queue.sent().size();
        Deployment updated = service.update(CLIENT, running.id(), patch(null, null, null, null,
                Map.of("owner", "ops"), null));
        assertThat(updated.tags()).containsEntry("owner", "ops").containsEntry("department", "clinical-research");
        assertThat(queue.sent()).hasSize(sent);
        assertThat(updated.version()).isEqualTo(running.version() + 1);
    }

    @Test
    void update_instanceType_plansAgainAndUpdatesTheEndpointToANewVersionedConfig_thenRemovesTheOld() {
        // when
        Deployment updating = service.update(CLIENT, running.id(), patch(null, null, null, "g4dn.12xlarge", null,
                new ModelConfig(null, null, null, null, "none")));
        // then
        assertThat(updating.status()).isEqualTo(DeploymentStatus.UPDATING);
        assertThat(updating.hosting().revision()).isEqualTo(1);
        assertThat(updating.hosting().precision()).isEqualTo("fp16");
        assertThat(updating.hosting().tensorParallelDegree()).isEqualTo(4);
        // when
        runQueue();
        // then
        EndpointSpec spec = host.updateCalls().getFirst();
        String endpoint = running.hosting().endpointName();
        assertThat(spec.endpointName()).isEqualTo(endpoint);
        assertThat(spec.modelName()).isEqualTo(endpoint + "-v1");
        assertThat(spec.endpointConfigName()).isEqualTo(endpoint + "-v1");
        assertThat(spec.instanceType()).isEqualTo("ml.g4dn.12xlarge");
        assertThat(service.get(CLIENT, running.id()).status()).isEqualTo(DeploymentStatus.RUNNING);
        assertThat(host.deletedConfigs()).containsExactly(endpoint);
        // a second update replaces v1 by v2 and removes v1
        service.update(CLIENT, running.id(), patch(null, null, null, "g4dn.xlarge", null,
                new ModelConfig(null, null, null, null, "auto")));
        runQueue();
        assertThat(host.updateCalls().getLast().endpointConfigName()).isEqualTo(endpoint + "-v2");
        assertThat(host.deletedConfigs()).containsExactly(endpoint, endpoint + "-v1");
        // delete removes the current revision's config
        service.delete(CLIENT, running.id(), false);
        runQueue();
        assertThat(host.deletedConfigs()).contains(endpoint + "-v2");
        assertThat(scaling.bounds(endpoint)).isNull();
    }

    @Test
    void update_instanceTypeTheModelCannotFit_isAValidationErrorAndChangesNothing() {
        assertThatThrownBy(() -> service.update(CLIENT, running.id(), patch(null, null, null, "g4dn.xlarge", null,
                new ModelConfig(null, null, null, null, "none"))))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isIn(ErrorCode.VALIDATION_ERROR, ErrorCode.INSTANCE_TYPE_UNAVAILABLE));
        assertThat(service.get(CLIENT, running.id()).version()).isEqualTo(running.version());
    }

    @Test
    void update_withInvalidValues_returnsValidationError() {
        assertThatThrownBy(() -> service.update(CLIENT, running.id(), patch(4, 2, null, null, null, null)))
                .hasMessageContaining("max_replicas (2) must be at least min_replicas (4)");
        assertThatThrownBy(() -> service.update(CLIENT, running.id(), patch(null, null, null, null, null,
                new ModelConfig(null, null, 7.0, null, null)))).hasMessageContaining("default_temperature");
    }

    @Test
    void update_whileUpdatingOrOfAnotherClient_isRefused() {
        service.update(CLIENT, running.id(), patch(null, null, null, "g4dn.12xlarge", null, null));
        assertThatThrownBy(() -> service.update(CLIENT, running.id(), patch(2, null, null, null, null, null)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR));
        // tags change any time
        assertThat(service.update(CLIENT, running.id(), patch(null, null, null, null, Map.of("a", "b"), null))
                .tags()).containsEntry("a", "b");
        assertThatThrownBy(() -> service.update(OTHER_CLIENT, running.id(), patch(null, null, null, null,
                Map.of("a", "b"), null))).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void update_concurrentTagChanges_areAllKept() throws Exception {
        // given: 8 threads each adding its own tag at once
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            var futures = new java.util.ArrayList<Future<?>>();
            for (int i = 0; i < 8; i++) {
                String key = "t" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return service.update(CLIENT, running.id(), patch(null, null, null, null, Map.of(key, "x"),
                            null));
                }));
            }
            start.countDown();
            int lost = 0;
            for (Future<?> f : futures) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    lost++;
                    assertThat(e.getCause()).isInstanceOf(com.securemodel.core.error.ConcurrentUpdateException.class);
                }
            }
            // then: every update that answered success is stored
            Map<String, String> tags = service.get(CLIENT, running.id()).tags();
            assertThat(tags.keySet().stream().filter(k -> k.startsWith("t")).count()).isEqualTo(8 - lost);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void update_refusedBySageMaker_returnsToRunningWithThePreviousSettings() {
        host.refuseUpdates(new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "SageMaker refused to update endpoint:"
                + " the service has no capacity left for this instance type"));
        service.update(CLIENT, running.id(), patch(null, null, null, "g4dn.12xlarge", Map.of("team", "ml"),
                new ModelConfig(null, null, null, null, "none")));
        runQueue();
        Deployment after = store.find(CLIENT, running.id()).orElseThrow();
        String endpoint = running.hosting().endpointName();
        assertThat(after.status()).isEqualTo(DeploymentStatus.RUNNING);
        assertThat(after.statusReason()).contains("did not apply").contains("no capacity left")
                .contains("previous settings");
        assertThat(after.instanceType()).isEqualTo("g4dn.xlarge");
        assertThat(after.modelConfig()).isEqualTo(running.modelConfig());
        assertThat(after.hosting()).isEqualTo(running.hosting());
        assertThat(after.tags()).containsEntry("team", "ml");
        assertThat(host.exists(endpoint)).isTrue();
        assertThat(host.deletedConfigs()).containsExactly(endpoint + "-v1");
        assertThat(log.entries(CLIENT, running.id())).anySatisfy(line -> {
            assertThat(line.level()).isEqualTo("error");
            assertThat(line.message()).contains("did not apply").contains("removed " + endpoint + "-v1");
        });
    }

    @Test
    void update_rolledBackBySageMaker_returnsToRunningWithThePreviousSettings_andANewUpdateWorks() {
        String endpoint = running.hosting().endpointName();
        // SageMaker could not deploy revision 1: the endpoint is InService again on the old config
        host.script(endpoint, new EndpointState(EndpointState.Status.IN_SERVICE, "Unable to provision requested ML"
                + " compute capacity for arn:aws:sagemaker:us-east-1:123456789012:endpoint/x", 1, endpoint));
        service.update(CLIENT, running.id(), patch(2, 4, null, "g4dn.12xlarge", null,
                new ModelConfig(null, null, null, null, "none")));
        runQueue();
        Deployment after = store.find(CLIENT, running.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(DeploymentStatus.RUNNING);
        assertThat(after.statusReason()).contains("hosting revision 1) did not apply")
                .contains("Unable to provision").doesNotContain("123456789012").doesNotContain("arn:aws");
        assertThat(after.instanceType()).isEqualTo("g4dn.xlarge");
        assertThat(after.minReplicas()).isEqualTo(running.minReplicas());
        assertThat(after.maxReplicas()).isEqualTo(running.maxReplicas());
        assertThat(after.modelConfig()).isEqualTo(running.modelConfig());
        assertThat(after.hosting().revision()).isZero();
        assertThat(after.hosting().resourceName()).isEqualTo(endpoint);
        assertThat(host.deletedConfigs()).containsExactly(endpoint + "-v1");
        assertThat(scaling.bounds(endpoint)).isNotNull();

        // the next update is revision 1 again, and goes through
        host.script(endpoint);
        service.update(CLIENT, running.id(), patch(null, null, null, "g4dn.12xlarge", null,
                new ModelConfig(null, null, null, null, "none")));
        runQueue();
        Deployment updated = store.find(CLIENT, running.id()).orElseThrow();
        assertThat(updated.status()).isEqualTo(DeploymentStatus.RUNNING);
        assertThat(updated.statusReason()).isNull();
        assertThat(updated.instanceType()).isEqualTo("g4dn.12xlarge");
        assertThat(host.updateCalls().getLast().endpointConfigName()).isEqualTo(endpoint + "-v1");
    }

    @Test
    void update_whoseRollbackFailed_failsTheDeploymentAndRemovesItsEndpoint() {
        String endpoint = running.hosting().endpointName();
        host.script(endpoint, new EndpointState(EndpointState.Status.UPDATE_ROLLBACK_FAILED, "Rollback failed", 0,
                endpoint + "-v1"));
        service.update(CLIENT, running.id(), patch(null, null, null, "g4dn.12xlarge", null, null));
        runQueue();
        Deployment failed = store.find(CLIENT, running.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(failed.statusReason()).contains("did not apply").contains("previous configuration");
        assertThat(host.exists(endpoint)).isFalse();
        assertThat(host.deletedConfigs()).contains(endpoint + "-v1", endpoint);
    }

    @Test
    void get_answersCurrentReplicasFromDescribeEndpoint() {
        host.script(running.hosting().endpointName(), new EndpointState(EndpointState.Status.IN_SERVICE, null, 3));
        assertThat(service.get(CLIENT, running.id()).currentReplicas()).isEqualTo(3);
    }

    @Test
    void autoScaling_isRegisteredWhenRunningAndDeregisteredWhenTurnedOff() {
        String endpoint = running.hosting().endpointName();
        assertThat(scaling.bounds(endpoint)).isEqualTo(new RecordingEndpointScaling.Bounds(1, 3));
        service.update(CLIENT, running.id(), patch(null, null, false, null, null, null));
        runQueue();
        assertThat(scaling.bounds(endpoint)).isNull();
    }
}
