package com.securemodel.core.deployment;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

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
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.webhook.EventPublisher;
import com.securemodel.core.webhook.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code deployment.*} events, each written where its change happens. */
class DeploymentEventsTest {

    private static final String HUATUO = "ZimaBlueAI/HuatuoGPT-o1-8B";

    /** One published event. */
    private record Published(ClientId clientId, EventType type, String deploymentId, Map<String, Object> data) {
    }

    private final List<Published> published = new ArrayList<>();
    private final EventPublisher recorder = (clientId, type, deploymentId, data) ->
            published.add(new Published(clientId, type, deploymentId, data));
    private final InMemoryDeploymentStore store = new InMemoryDeploymentStore();
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    private final MutableClock clock = new MutableClock();
    private final FakeModelHost host = new FakeModelHost();
    private final DeploymentService service = new DeploymentService(store, queue, log, ModelRegistry.builtIn(),
            new GpuFit(InstanceCatalog.builtIn()), TestDeployments.settings(), clock, new SequentialIdGenerator(), 10,
            host).publishingTo(recorder);
    private final ProvisioningService worker = new ProvisioningService(store, host, queue, log,
            new ContainerConfigFactory(), TestDeployments.settings(), clock, InstanceCatalog.builtIn(),
            new RecordingEndpointScaling()).publishingTo(recorder);

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

    private List<EventType> types() {
        return published.stream().map(Published::type).toList();
    }

    private Deployment createRunning() {
        Deployment created = service.create(CLIENT, new CreateDeploymentRequest(HUATUO, "events", null, "g4dn.xlarge",
                1, 2, true, null, null, Map.of(), null, null));
        runQueue();
        return service.get(CLIENT, created.id());
    }

    @Test
    void createAndProvision_publishCreated_statusChanged_andHealthy() {
        Deployment running = createRunning();

        assertThat(types()).containsExactly(EventType.DEPLOYMENT_CREATED, EventType.DEPLOYMENT_STATUS_CHANGED,
                EventType.DEPLOYMENT_HEALTH_CHANGED);
        assertThat(published).allSatisfy(p -> {
            assertThat(p.clientId()).isEqualTo(CLIENT);
            assertThat(p.deploymentId()).isEqualTo(running.id());
        });
        assertThat(published.get(1).data()).containsEntry("previous_status", "creating")
                .containsEntry("status", "running");
        assertThat(published.get(2).data()).containsEntry("health", "healthy");
    }

    @Test
    void scalingPatch_publishesUpdatedAndScalingChanged() {
        Deployment running = createRunning();
        published.clear();

        service.update(CLIENT, running.id(), new UpdateDeploymentRequest(1, 4, null, null, null, null));

        assertThat(types()).containsExactly(EventType.DEPLOYMENT_UPDATED, EventType.DEPLOYMENT_SCALING_CHANGED);
        assertThat(published.get(1).data()).containsEntry("max_replicas", 4).containsEntry("previous_max_replicas", 2);
    }

    @Test
    void delete_publishesStatusChangesAndDeleted() {
        Deployment running = createRunning();
        published.clear();

        service.delete(CLIENT, running.id(), false);
        runQueue();

        assertThat(types()).containsExactly(EventType.DEPLOYMENT_STATUS_CHANGED, EventType.DEPLOYMENT_STATUS_CHANGED,
                EventType.DEPLOYMENT_DELETED);
    }

    @Test
    void endpointFailure_publishesUnhealthy_andError() {
        Deployment created = service.create(CLIENT, new CreateDeploymentRequest(HUATUO, "broken", null, "g4dn.xlarge",
                1, 1, false, null, null, Map.of(), null, null));
        host.script(created.hosting().endpointName(), new EndpointState(EndpointState.Status.FAILED, "no capacity", 0));
        published.clear();

        runQueue();

        assertThat(types()).contains(EventType.DEPLOYMENT_HEALTH_CHANGED, EventType.DEPLOYMENT_ERROR);
        assertThat(published.stream().filter(p -> p.type() == EventType.DEPLOYMENT_ERROR).findFirst().orElseThrow()
                .data().get("error").toString()).contains("no capacity");
    }
}
