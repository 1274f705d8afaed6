package com.securemodel.core.deployment;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.model.ModelRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentListAndDeleteTest {

    private final InMemoryDeploymentStore store = new InMemoryDeploymentStore();
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    private final MutableClock clock = new MutableClock();
    private final DeploymentService service = new DeploymentService(store, queue, log, ModelRegistry.builtIn(),
            new GpuFit(InstanceCatalog.builtIn()), TestDeployments.settings(), clock, new SequentialIdGenerator());

    private Deployment create(String model, String region, Map<String, String> tags) {
        clock.advance(Duration.ofMinutes(1));
        return service.create(CLIENT, new CreateDeploymentRequest(model, null, null, null, null, null, null, region,
                null, tags, null, null));
    }

    private static DeploymentQuery query(DeploymentStatus status, String model, String region,
                                         Map<String, String> tags, int limit, int offset) {
        return new DeploymentQuery(status, model, region, tags, limit, offset);
    }

    private Deployment setStatus(Deployment d, DeploymentStatus status) {
        return store.update(store.find(d.clientId(), d.id()).orElseThrow().withStatus(status, null, clock.instant()));
    }

    @Test
    void list_isNewestFirstWithPagination() {
        // given
        Deployment a = create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null);
        Deployment b = create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null);
        Deployment c = create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null);
        // when
        Page<Deployment> first = service.list(CLIENT, query(null, null, null, null, 2, 0));
        Page<Deployment> last = service.list(CLIENT, query(null, null, null, null, 2, 2));
        // then
        assertThat(first.items()).extracting(Deployment::id).containsExactly(c.id(), b.id());
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.nextOffset()).isEqualTo(2);
        assertThat(last.items()).extracting(Deployment::id).containsExactly(a.id());
        assertThat(last.nextOffset()).isNull();
        assertThat(service.list(CLIENT, query(null, null, null, null, 2, 10)).items()).isEmpty();
    }

    @Test
    void list_filtersByStatusModelRegionAndEveryTag() {
        // given
        Deployment prod = create("ZimaBlueAI/HuatuoGPT-o1-8B", "us-east-1", Map.of("env", "prod", "team", "a"));
        // a deployment of another region (stored before the service served one region only)
        Deployment dev = create("ZimaBlueAI/HuatuoGPT-o1-8B", "us-east-1", Map.of("env", "dev", "team", "a"));
        Deployment stored = store.find(CLIENT, dev.id()).orElseThrow();
        store.put(new Deployment(stored.clientId(), stored.id(), stored.modelName(), stored.deploymentName(),
                stored.computeType(), stored.instanceType(), stored.minReplicas(), stored.maxReplicas(), 0,
                stored.autoScaling(), "eu-west-1", null, stored.tags(), stored.modelConfig(),
                stored.securitySettings(), stored.hosting(), stored.status(), null, stored.createdAt(),
                stored.updatedAt(), stored.version()));
        Deployment tiny = create("securemodel/tiny-random-llama", "us-east-1", Map.of("env", "prod"));
        setStatus(prod, DeploymentStatus.RUNNING);
        // then
        assertThat(service.list(CLIENT, query(DeploymentStatus.RUNNING, null, null, null, 20, 0)).items())
                .extracting(Deployment::id).containsExactly(prod.id());
        assertThat(service.list(CLIENT, query(null, "securemodel/tiny-random-llama", null, null, 20, 0)).items())
                .extracting(Deployment::id).containsExactly(tiny.id());
        assertThat(service.list(CLIENT, query(null, null, "eu-west-1", null, 20, 0)).items())
                .extracting(Deployment::id).containsExactly(dev.id());
        assertThat(service.list(CLIENT, query(null, null, null, Map.of("env", "prod", "team", "a"), 20, 0)).items())
                .extracting(Deployment::id).containsExactly(prod.id());
        assertThat(service.list(CLIENT, query(null, null, null, Map.of("env", "prod"), 20, 0)).total()).isEqualTo(2);
        assertThat(service.list(OTHER_CLIENT, query(null, null, null, null, 20, 0)).items()).isEmpty();
    }

    @Test
    void delete_runningDeployment_movesToDeletingAndQueuesTeardown() {
        // given
        Deployment d = setStatus(create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null), DeploymentStatus.RUNNING);
        queue.drain();
        // when
        Deployment deleting = service.delete(CLIENT, d.id(), false);
        // then
        assertThat(deleting.status()).isEqualTo(DeploymentStatus.DELETING);
        assertThat(store.find(CLIENT, d.id()).orElseThrow().status()).isEqualTo(DeploymentStatus.DELETING);
        assertThat(queue.tasks()).last()
                .isEqualTo(new ProvisionTask(CLIENT, d.id(), ProvisionTask.Action.DELETE, 0));
        assertThat(log.messages(CLIENT, d.id())).last().asString().startsWith("Deletion requested");
    }

    @Test
    void delete_creatingWithoutForce_returnsDeploymentErrorSayingHowToRetry() {
        Deployment d = create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null);

        assertThatThrownBy(() -> service.delete(CLIENT, d.id(), false))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR);
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("force=true");
                });
        assertThat(service.delete(CLIENT, d.id(), true).status()).isEqualTo(DeploymentStatus.DELETING);
    }

    @Test
    void delete_failedDeployment_needsNoForce() {
        Deployment d = setStatus(create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null), DeploymentStatus.FAILED);

        assertThat(service.delete(CLIENT, d.id(), false).status()).isEqualTo(DeploymentStatus.DELETING);
    }

    @Test
    void delete_deletedOrDeletingDeployment_isIdempotent() {
        // given
        Deployment d = setStatus(create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null), DeploymentStatus.RUNNING);
        Deployment deleting = service.delete(CLIENT, d.id(), false);
        int sent = queue.sent().size();
        // when
        Deployment again = service.delete(CLIENT, d.id(), false);
        // then the deployment is unchanged and the teardown is queued again (harmless: the worker is idempotent)
        assertThat(again).isEqualTo(deleting);
        assertThat(queue.sent()).hasSize(sent + 1);
        assertThat(queue.last().task().action()).isEqualTo(ProvisionTask.Action.DELETE);
        // and once deleted, a delete changes and sends nothing
        Deployment deleted = setStatus(deleting, DeploymentStatus.DELETED);
        assertThat(service.delete(CLIENT, d.id(), true)).isEqualTo(deleted);
        assertThat(queue.sent()).hasSize(sent + 1);
    }

    @Test
    void delete_whenTheTeardownCouldNotBeQueued_queuesItOnTheNextDelete() {
        // given a delete that stored "deleting" but whose message was refused
        Deployment d = setStatus(create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null), DeploymentStatus.RUNNING);
        queue.refuse(new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "SQS is unavailable"));
        assertThatThrownBy(() -> service.delete(CLIENT, d.id(), false)).isInstanceOf(ServiceException.class);
        queue.refuse(null);
        // when
        service.delete(CLIENT, d.id(), false);
        // then
        assertThat(queue.last().task()).isEqualTo(new ProvisionTask(CLIENT, d.id(), ProvisionTask.Action.DELETE, 0));
    }

    @Test
    void create_whenTheProvisioningMessageIsRefused_marksFailedAndReportsTheError() {
        // given
        ServiceException outage = new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "SQS is unavailable");
        queue.refuse(outage);
        // when / then
        assertThatThrownBy(() -> create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null)).isSameAs(outage);
        assertThat(store.list(CLIENT)).singleElement().satisfies(stored -> {
            assertThat(stored.status()).isEqualTo(DeploymentStatus.FAILED);
            assertThat(stored.statusReason()).contains("could not be queued");
        });
    }

    @Test
    void get_withAnIdThatCannotBeOurs_returnsResourceNotFound() {
        for (String id : new String[] {"x".repeat(65), "dep_a/../b", "", "dep_\u0000"}) {
            assertThatThrownBy(() -> service.get(CLIENT, id))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        }
    }

    @Test
    void delete_foreignDeployment_returnsResourceNotFound() {
        Deployment d = create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null);

        assertThatThrownBy(() -> service.delete(OTHER_CLIENT, d.id(), true))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        assertThat(store.find(CLIENT, d.id()).orElseThrow().status()).isEqualTo(DeploymentStatus.CREATING);
    }

    @Test
    void store_update_withStaleVersion_raisesConcurrentUpdate() {
        Deployment d = create("ZimaBlueAI/HuatuoGPT-o1-8B", null, null);
        store.update(d.withStatus(DeploymentStatus.RUNNING, null, clock.instant()));

        assertThatThrownBy(() -> store.update(d.withStatus(DeploymentStatus.FAILED, "x", clock.instant())))
                .isInstanceOf(com.securemodel.core.error.ConcurrentUpdateException.class);
    }
}
