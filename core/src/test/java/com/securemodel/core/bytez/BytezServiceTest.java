package com.securemodel.core.bytez;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.ProvisioningService;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.FakeModelHost;
import com.securemodel.core.fakes.InMemoryBytezInstanceStore;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.model.ModelRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytezServiceTest {

    private static final String TINY = ModelRegistry.TINY_TEST_MODEL;
    private static final String HUATUO = "ZimaBlueAI/HuatuoGPT-o1-8B";

    private final MutableClock clock = new MutableClock();
    private final InMemoryDeploymentStore deploymentStore = new InMemoryDeploymentStore();
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    private final InMemoryBytezInstanceStore instances = new InMemoryBytezInstanceStore();
    private final GpuFit fit = new GpuFit(InstanceCatalog.builtIn());
    private final DeploymentService deployments = new DeploymentService(deploymentStore, queue, log,
            ModelRegistry.builtIn(), fit, TestDeployments.settings(), clock, new SequentialIdGenerator());
    private final ProvisioningService provisioning = new ProvisioningService(deploymentStore, new FakeModelHost(),
            queue, log, new ContainerConfigFactory(), TestDeployments.settings(), clock);
    private final InstanceActivity activity = new InstanceActivity(instances, clock);
    private final BytezService bytez = new BytezService(instances, deployments, ModelRegistry.builtIn(),
            new Placement(fit, List.of("g4dn.xlarge", "g4dn.12xlarge")), activity, clock);

    private void provision() {
        for (int i = 0; i < 20; i++) {
            var next = queue.poll();
            if (next.isEmpty()) {
                return;
            }
            provisioning.handle(next.get().task());
        }
    }

    private InstanceStatus loadRunning(long periodSeconds) {
        bytez.load(CLIENT, new LoadRequest(TINY, 2, periodSeconds, null));
        provision();
        return bytez.status(CLIENT, TINY);
    }

    @Test
    void load_createsOneDeploymentWithConcurrencyAsInstances_andStatusGoesStartingToRunning() {
        InstanceStatus started = bytez.load(CLIENT, new LoadRequest(TINY, 2, null, null));

        assertThat(started.status()).isEqualTo("STARTING");
        assertThat(started.expirationPeriodSeconds()).isEqualTo(1800);
        var deployment = deployments.get(CLIENT, started.deploymentId());
        assertThat(deployment.minReplicas()).isEqualTo(2);
        assertThat(deployment.maxReplicas()).isEqualTo(2);
        assertThat(deployment.instanceType()).isEqualTo("g4dn.xlarge");
        provision();
        assertThat(bytez.status(CLIENT, TINY).status()).isEqualTo("RUNNING");
    }

    @Test
    void load_placesABigModelOnTheCheapestAllowedTypeThatFits_andQuantizationFollowsPrecision() {
        InstanceStatus fp16 = bytez.load(CLIENT, new LoadRequest(HUATUO, 1, null, 16));

        var deployment = deployments.get(CLIENT, fp16.deploymentId());
        assertThat(deployment.instanceType()).isEqualTo("g4dn.12xlarge");
        assertThat(deployment.hosting().precision()).isEqualTo("fp16");
        bytez.delete(CLIENT, HUATUO);
        InstanceStatus int4 = bytez.load(CLIENT, new LoadRequest(HUATUO, 1, null, 4));
        assertThat(deployments.get(CLIENT, int4.deploymentId()).instanceType()).isEqualTo("g4dn.xlarge");
    }

    @Test
    void load_whenAlreadyLoaded_answers409AlreadyLoaded_andCreatesNothing() {
        loadRunning(300);

        assertThatThrownBy(() -> bytez.load(CLIENT, new LoadRequest(TINY, null, null, null)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("already loaded");
                });
        assertThat(deploymentStore.list(CLIENT)).hasSize(1);
    }

    @Test
    void load_ofAModelNotAvailable_saysToQueueAJob() {
        assertThatThrownBy(() -> bytez.load(CLIENT, new LoadRequest("openai-community/gpt2", null, null, null)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("POST /model/job");
                });
    }

    @Test
    void load_whenTheDeploymentCannotBeCreated_releasesTheClaim() {
        queue.refuse(new ServiceException(com.securemodel.core.error.ErrorCode.SERVICE_UNAVAILABLE, "down"));

        assertThatThrownBy(() -> bytez.load(CLIENT, new LoadRequest(TINY, null, null, null)))
                .isInstanceOf(ServiceException.class);
        assertThat(instances.find(CLIENT, TINY)).isEmpty();
    }

    @Test
    void sweep_removesAnIdleInstanceAfterItsPeriod_notBefore_andARunPostponesIt() {
        loadRunning(60);
        var target = bytez.runTarget(CLIENT, TINY);

        clock.advance(Duration.ofSeconds(40));
        bytez.recordRun(target.instance());
        clock.advance(Duration.ofSeconds(60));
        assertThat(bytez.sweep()).as("40 s + 60 s after load, but only 60 s after the run").isZero();
        clock.advance(InstanceActivity.WRITE_INTERVAL.plusSeconds(1));
        assertThat(bytez.sweep()).isEqualTo(1);

        assertThat(bytez.status(CLIENT, TINY).status()).isEqualTo("STOPPED");
        assertThat(deploymentStore.find(CLIENT, target.deployment().id()).orElseThrow().status())
                .isEqualTo(DeploymentStatus.DELETING);
        assertThat(bytez.instances(CLIENT)).isEmpty();
    }

    @Test
    void sweep_neverStopsBeforeTheLastRunPlusThePeriod_whenRunsAreCoalesced() {
        loadRunning(60);
        var target = bytez.runTarget(CLIENT, TINY);
        bytez.recordRun(target.instance());
        int written = instances.touches.get();

        clock.advance(Duration.ofSeconds(4));
        bytez.recordRun(target.instance());
        assertThat(instances.touches.get()).as("a second run within the write interval is not written")
                .isEqualTo(written);
        clock.advance(Duration.ofSeconds(60));
        assertThat(bytez.sweep()).as("the unwritten run was 60 s ago: not idle for its period yet").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(bytez.sweep()).isEqualTo(1);
    }

    @Test
    void runs_areWrittenAtMostOncePerIntervalPerInstance_andCountedAsInferences() {
        loadRunning(300);
        var target = bytez.runTarget(CLIENT, TINY);
        int before = instances.touches.get();

        for (int i = 0; i < 50; i++) {
            bytez.recordRun(target.instance());
        }
        assertThat(instances.touches.get() - before).isEqualTo(1);
        assertThat(bytez.status(CLIENT, TINY).inferences()).isEqualTo(50);
        clock.advance(InstanceActivity.WRITE_INTERVAL);
        activity.flushDue();
        assertThat(instances.touches.get() - before).isEqualTo(2);
        assertThat(instances.find(CLIENT, TINY).orElseThrow().inferences()).isEqualTo(50);
    }

    @Test
    void sweep_givesAnInstanceStillStartingANewPeriod() {
        bytez.load(CLIENT, new LoadRequest(TINY, null, 10L, null));

        clock.advance(Duration.ofSeconds(30));
        assertThat(bytez.sweep()).isZero();
        assertThat(bytez.status(CLIENT, TINY).status()).isEqualTo("STARTING");
    }

    @Test
    void delete_stopsTheInstance_deletesItsDeployment_andAllowsANewLoad() {
        InstanceStatus running = loadRunning(300);

        InstanceStatus stopped = bytez.delete(CLIENT, TINY);

        assertThat(stopped.status()).isEqualTo("STOPPED");
        assertThat(deployments.get(CLIENT, running.deploymentId()).status()).isEqualTo(DeploymentStatus.DELETING);
        assertThatThrownBy(() -> bytez.delete(CLIENT, TINY)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThat(bytez.load(CLIENT, new LoadRequest(TINY, null, null, null)).status()).isEqualTo("STARTING");
    }

    @Test
    void anotherClientsInstance_isInvisibleAndUntouchable() {
        loadRunning(300);

        for (var call : List.<Runnable>of(() -> bytez.status(OTHER_CLIENT, TINY),
                () -> bytez.runTarget(OTHER_CLIENT, TINY), () -> bytez.delete(OTHER_CLIENT, TINY))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.httpStatus()).isEqualTo(404));
        }
        assertThat(bytez.instances(OTHER_CLIENT)).isEmpty();
        assertThat(bytez.load(OTHER_CLIENT, new LoadRequest(TINY, null, null, null)).status())
                .as("the other client loads its own").isEqualTo("STARTING");
        assertThat(bytez.status(CLIENT, TINY).status()).isEqualTo("RUNNING");
    }

    @Test
    void runTarget_whileStarting_answers409WithTheStatus() {
        bytez.load(CLIENT, new LoadRequest(TINY, null, null, null));

        assertThatThrownBy(() -> bytez.runTarget(CLIENT, TINY)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(409);
            assertThat(e.getMessage()).contains("STARTING");
        });
    }
}
