package com.securemodel.core.endpoint;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.Page;
import com.securemodel.core.endpoint.Endpoint.Kind;
import com.securemodel.core.endpoint.Endpoint.Target;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.FakeModelInvoker;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.InMemoryEndpointStore;
import com.securemodel.core.fakes.InMemoryUsageStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.generation.GenerateRequest;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.usage.UsageRecorder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EndpointServiceTest {

    private final InMemoryDeploymentStore deployments = new InMemoryDeploymentStore();
    private final InMemoryEndpointStore store = new InMemoryEndpointStore();
    private final MutableClock clock = new MutableClock();
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final EndpointRouting routing = new EndpointRouting(store, new TrafficSplitter(), clock,
            Duration.ofSeconds(5));
    private final EndpointService service = new EndpointService(store, deployments, routing, clock, ids);
    private final FakeModelInvoker invoker = new FakeModelInvoker();
    private final GenerationService generation = new GenerationService(deployments, invoker,
            new UsageRecorder(new InMemoryUsageStore(), clock, Duration.ofSeconds(5)), clock, ids,
            Duration.ofSeconds(5), routing);

    @BeforeEach
    void storeDeployments() {
        deployments.create(TestDeployments.deployment("dep_a", DeploymentStatus.RUNNING));
        deployments.create(TestDeployments.deployment("dep_b", DeploymentStatus.RUNNING));
        deployments.create(TestDeployments.deployment("dep_new", DeploymentStatus.CREATING));
        Deployment foreign = TestDeployments.deployment("dep_foreign", DeploymentStatus.RUNNING);
        deployments.create(new Deployment(OTHER_CLIENT, foreign.id(), foreign.modelName(), foreign.deploymentName(),
                foreign.computeType(), foreign.instanceType(), 1, 1, 0, false, foreign.region(), null, Map.of(),
                foreign.modelConfig(), foreign.securitySettings(), foreign.hosting(), DeploymentStatus.RUNNING, null,
                foreign.createdAt(), foreign.updatedAt(), 1));
    }

    private Endpoint endpoint(String name, String deploymentId) {
        return service.create(CLIENT, Kind.ENDPOINT, name, List.of(new Target(deploymentId, 100)));
    }

    private static ServiceException refused(Runnable call) {
        try {
            call.run();
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void create_pointsAtARunningDeployment_andIsFoundByIdAndName() {
        Endpoint created = endpoint("clinical-assistant-production", "dep_a");

        assertThat(created.id()).startsWith("ep_");
        assertThat(created.deploymentId()).isEqualTo("dep_a");
        assertThat(service.get(CLIENT, Kind.ENDPOINT, created.id())).isEqualTo(created);
        assertThat(routing.byName(CLIENT, "clinical-assistant-production")).contains(created);
    }

    @Test
    void create_withATakenName_isA409_evenAcrossKinds() {
        endpoint("prod", "dep_a");

        ServiceException e = refused(() -> service.create(CLIENT, Kind.CANARY, "prod",
                List.of(new Target("dep_a", 50), new Target("dep_b", 50))));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.getMessage()).contains("'prod' already exists");
    }

    @Test
    void create_sameNameForAnotherClient_isItsOwn() {
        endpoint("prod", "dep_a");

        Endpoint theirs = service.create(OTHER_CLIENT, Kind.ENDPOINT, "prod", List.of(new Target("dep_foreign", 100)));

        assertThat(routing.byName(OTHER_CLIENT, "prod")).contains(theirs);
    }

    @Test
    void create_onAnotherClientsDeployment_isResourceNotFound_andOnANonRunningOneADeploymentError() {
        ServiceException foreign = refused(() -> endpoint("x", "dep_foreign"));
        ServiceException creating = refused(() -> endpoint("y", "dep_new"));

        assertThat(foreign.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
        assertThat(foreign.getMessage()).contains("deployment_id: no deployment dep_foreign for this client");
        assertThat(creating.code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR);
        assertThat(creating.getMessage()).contains("dep_new is creating").contains("only at a running deployment");
        assertThat(store.list(CLIENT)).isEmpty();
    }

    @Test
    void create_withABadName_saysWhatANameIs() {
        assertThat(refused(() -> endpoint(null, "dep_a")).getMessage()).startsWith("name is required");
        assertThat(refused(() -> endpoint("has space", "dep_a")).getMessage()).contains("1-64 letters");
        assertThat(refused(() -> endpoint("dep_like", "dep_a")).getMessage()).contains("must not start with dep_");
        assertThat(refused(() -> endpoint("cep_like", "dep_a")).getMessage()).contains("those are ids");
    }

    @Test
    void createCanary_checksCountsDuplicatesAndTheSum() {
        assertThat(refused(() -> service.create(CLIENT, Kind.CANARY, "c", List.of(new Target("dep_a", 100))))
                .getMessage()).contains("2 to 10 deployments");
        assertThat(refused(() -> service.create(CLIENT, Kind.CANARY, "c",
                List.of(new Target("dep_a", 90), new Target("dep_b", 20)))).getMessage())
                .isEqualTo("deployments[].traffic_percentage must sum to 100, not 110");
        assertThat(refused(() -> service.create(CLIENT, Kind.CANARY, "c",
                List.of(new Target("dep_a", 50), new Target("dep_a", 50)))).getMessage())
                .contains("deployments[1].id names dep_a a second time");
        assertThat(refused(() -> service.create(CLIENT, Kind.CANARY, "c",
                List.of(new Target("dep_a", 110), new Target("dep_b", -10)))).getMessage())
                .contains("deployments[0].traffic_percentage must be an integer from 0 to 100");
        assertThat(refused(() -> service.create(CLIENT, Kind.CANARY, "c",
                List.of(new Target("dep_a", 90), new Target("dep_new", 10)))).getMessage())
                .startsWith("deployments[1].id: deployment dep_new is creating");
    }

    @Test
    void get_ofAnotherClientOrTheOtherKind_isResourceNotFound() {
        Endpoint mine = endpoint("prod", "dep_a");

        assertThat(refused(() -> service.get(OTHER_CLIENT, Kind.ENDPOINT, mine.id())).code())
                .isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
        assertThat(refused(() -> service.get(CLIENT, Kind.CANARY, mine.id())).getMessage())
                .contains("No canary endpoint " + mine.id());
    }

    @Test
    void get_ofAnIdThatCannotBeOurs_isResourceNotFound_withoutReadingTheStore() {
        int before = store.reads();

        for (String id : List.of("ep_" + "x".repeat(2_000), "ep_a b", "dep_a", "ep_", "")) {
            assertThat(refused(() -> service.get(CLIENT, Kind.ENDPOINT, id)).code())
                    .isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
            assertThat(routing.byId(CLIENT, id)).isEmpty();
        }

        assertThat(store.reads()).isEqualTo(before);
    }

    @Test
    void list_isNewestFirst_ofOneKind_andPaged() {
        Endpoint first = endpoint("one", "dep_a");
        clock.advance(Duration.ofSeconds(1));
        Endpoint second = endpoint("two", "dep_b");
        service.create(CLIENT, Kind.CANARY, "three", List.of(new Target("dep_a", 50), new Target("dep_b", 50)));

        Page<Endpoint> page = service.list(CLIENT, Kind.ENDPOINT, 1, 0);
        Page<Endpoint> next = service.list(CLIENT, Kind.ENDPOINT, 1, 1);

        assertThat(page.items()).containsExactly(second);
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.nextOffset()).isEqualTo(1);
        assertThat(next.items()).containsExactly(first);
        assertThat(next.nextOffset()).isNull();
        assertThat(service.list(OTHER_CLIENT, Kind.ENDPOINT, 20, 0).items()).isEmpty();
    }

    @Test
    void retarget_movesTheNextCallsAtOnce_andDeleteFreesTheName() {
        Endpoint endpoint = endpoint("prod", "dep_a");
        GenerateRequest hi = new GenerateRequest("hi", null, null, null, null);
        assertThat(generation.generateOnEndpoint(CLIENT, endpoint.id(), hi, null).deploymentId()).isEqualTo("dep_a");

        Endpoint moved = service.retarget(CLIENT, Kind.ENDPOINT, endpoint.id(), List.of(new Target("dep_b", 100)));

        assertThat(moved.version()).isEqualTo(2);
        assertThat(generation.generateOnEndpoint(CLIENT, endpoint.id(), hi, null).deploymentId()).isEqualTo("dep_b");
        assertThat(generation.resolve(CLIENT, "prod").id()).isEqualTo("dep_b");
        service.delete(CLIENT, Kind.ENDPOINT, endpoint.id());
        assertThat(endpoint("prod", "dep_a").id()).isNotEqualTo(endpoint.id());
    }

    @Test
    void retarget_toANonRunningDeployment_isRefused_andChangesNothing() {
        Endpoint endpoint = endpoint("prod", "dep_a");

        assertThat(refused(() -> service.retarget(CLIENT, Kind.ENDPOINT, endpoint.id(),
                List.of(new Target("dep_new", 100)))).code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR);
        assertThat(service.get(CLIENT, Kind.ENDPOINT, endpoint.id()).deploymentId()).isEqualTo("dep_a");
    }

    @Test
    void resolve_byCanaryName_splitsByWeight_andAStickyUserStaysOnOneSide() {
        service.create(CLIENT, Kind.CANARY, "canary", List.of(new Target("dep_a", 80), new Target("dep_b", 20)));
        Map<String, Integer> served = new HashMap<>();

        for (int i = 0; i < 10_000; i++) {
            served.merge(generation.resolve(CLIENT, "canary").id(), 1, Integer::sum);
        }
        String sticky = generation.resolve(CLIENT, "canary", "user-42").id();

        assertThat(served.get("dep_a") / 100.0).isCloseTo(80.0, org.assertj.core.data.Offset.offset(2.0));
        assertThat(served.get("dep_b") / 100.0).isCloseTo(20.0, org.assertj.core.data.Offset.offset(2.0));
        for (int i = 0; i < 50; i++) {
            assertThat(generation.resolve(CLIENT, "canary", "user-42").id()).isEqualTo(sticky);
        }
    }

    @Test
    void resolve_byName_readsTheStoreOncePerTtl_evenWhenNoEndpointHasThatName() {
        int before = store.reads();
        for (int i = 0; i < 100; i++) {
            assertThat(generation.resolve(CLIENT, "clinical-assistant").id()).isIn("dep_a", "dep_b");
        }
        assertThat(store.reads() - before).isEqualTo(1);
    }

    @Test
    void generateOnEndpoint_whoseDeploymentStoppedRunning_isADeploymentErrorNamingIt() {
        Endpoint endpoint = endpoint("prod", "dep_a");
        Deployment a = deployments.find(CLIENT, "dep_a").orElseThrow();
        deployments.update(a.withStatus(DeploymentStatus.DELETING, null, clock.instant()));
        generation.forget(a);

        assertThatThrownBy(() -> generation.generateOnEndpoint(CLIENT, endpoint.id(),
                new GenerateRequest("hi", null, null, null, null), null))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR);
                    assertThat(e.getMessage()).contains("dep_a is deleting");
                });
        assertThatThrownBy(() -> generation.generateOnEndpoint(OTHER_CLIENT, endpoint.id(),
                new GenerateRequest("hi", null, null, null, null), null))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }
}
