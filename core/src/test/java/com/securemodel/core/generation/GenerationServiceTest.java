package com.securemodel.core.generation;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.FakeModelInvoker;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.InMemoryUsageStore;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.InvocationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GenerationServiceTest {

    private final InMemoryDeploymentStore store = new InMemoryDeploymentStore();
    private final FakeModelInvoker invoker = new FakeModelInvoker();
    private final MutableClock clock = new MutableClock();
    private final InMemoryUsageStore usageStore = new InMemoryUsageStore();
    private final UsageRecorder usage = new UsageRecorder(usageStore, clock, java.time.Duration.ofSeconds(5));
    private final GenerationService service = new GenerationService(store, invoker, usage, clock,
            new SequentialIdGenerator());

    @BeforeEach
    void storeRunningDeployment() {
        store.create(TestDeployments.deployment("dep_run", DeploymentStatus.RUNNING));
    }

    private static GenerateRequest prompt(String text) {
        return new GenerateRequest(text, null, null, null, null);
    }

    private ServiceException rejected(GenerateRequest request) {
        try {
            service.generate(CLIENT, "dep_run", request);
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("expected the request to be rejected");
    }

    @Test
    void generate_onRunningDeployment_invokesEndpointAndMapsResult() {
        // given
        invoker.answer(new InvocationResult("Metformin may cause nausea.", "eos_token", 8, 6));
        // when
        GenerateResult result = service.generate(CLIENT, "dep_run", new GenerateRequest("Side effects of metformin?",
                500, 0.5, 0.9, List.of("\n\n")));
        // then
        assertThat(result.id()).isEqualTo("gen_0000000001");
        assertThat(result.deploymentId()).isEqualTo("dep_run");
        assertThat(result.prompt()).isEqualTo("Side effects of metformin?");
        assertThat(result.completion()).isEqualTo("Metformin may cause nausea.");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(8, 6));
        assertThat(result.usage().totalTokens()).isEqualTo(14);
        assertThat(result.createdAt()).isEqualTo(clock.instant());
        assertThat(invoker.lastCall().endpointName()).isEqualTo("sm-dep-run");
        assertThat(invoker.lastCall().request()).isEqualTo(new InvocationRequest("Side effects of metformin?", 500,
                0.5, 0.9, null, List.of("\n\n"), null));
    }

    @Test
    void generate_withoutParameters_usesDeploymentDefaults() {
        service.generate(CLIENT, "dep_run", prompt("hi"));

        InvocationRequest sent = invoker.lastCall().request();
        assertThat(sent.maxNewTokens()).isEqualTo(1024);
        assertThat(sent.temperature()).isEqualTo(0.7);
        assertThat(sent.topP()).isEqualTo(0.95);
        assertThat(sent.seed()).isNull();
    }

    @Test
    void generate_withoutMaxOutputTokensConfigured_defaultsTo256() {
        Deployment bare = TestDeployments.deployment("dep_bare", DeploymentStatus.RUNNING);
        store.put(new Deployment(bare.clientId(), bare.id(), bare.modelName(), bare.deploymentName(),
                bare.computeType(), bare.instanceType(), 1, 1, 1, false, bare.region(), null, bare.tags(),
                new ModelConfig(4096, null, null, null, "auto"), bare.securitySettings(), bare.hosting(),
                bare.status(), null, bare.createdAt(), bare.updatedAt(), 1));

        service.generate(CLIENT, "dep_bare", prompt("hi"));

        assertThat(invoker.lastCall().request().maxNewTokens()).isEqualTo(256);
        assertThat(invoker.lastCall().request().temperature()).isNull();
    }

    @Test
    void generate_finishReasons_mapToPaitientWords() {
        invoker.answer(new InvocationResult("a", "length", 1, 1));
        assertThat(service.generate(CLIENT, "dep_run", prompt("x")).finishReason()).isEqualTo("length");
        invoker.answer(new InvocationResult("a", "stop_sequence", 1, 1));
        assertThat(service.generate(CLIENT, "dep_run", prompt("x")).finishReason()).isEqualTo("stop");
        invoker.answer(new InvocationResult("a", "eos_token", 1, 1));
        assertThat(service.generate(CLIENT, "dep_run", prompt("x")).finishReason()).isEqualTo("stop");
    }

    @Test
    void generate_foreignOrUnknownDeployment_returnsResourceNotFound() {
        assertThatThrownBy(() -> service.generate(OTHER_CLIENT, "dep_run", prompt("x")))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        assertThatThrownBy(() -> service.generate(CLIENT, "dep_nope", prompt("x")))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("No deployment dep_nope for this client"));
        assertThat(invoker.calls()).isEmpty();
    }

    @Test
    void generate_onCreatingDeployment_returnsDeploymentError() {
        store.create(TestDeployments.deployment("dep_new", DeploymentStatus.CREATING));

        assertThatThrownBy(() -> service.generate(CLIENT, "dep_new", prompt("x")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR);
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage())
                            .isEqualTo("Deployment dep_new is creating; generate works once it is running");
                });
    }

    @Test
    void generate_withBadPrompt_returnsValidationErrorWithoutThePrompt() {
        assertThat(rejected(prompt(null)).getMessage()).contains("prompt is required");
        assertThat(rejected(prompt("   ")).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        String huge = "secret ".repeat(20_000);
        assertThat(rejected(prompt(huge)).getMessage()).contains("100000").doesNotContain("secret");
    }

    @Test
    void generate_withOutOfRangeParameters_returnsValidationError() {
        assertThat(rejected(new GenerateRequest("x", 0, null, null, null)).getMessage()).contains("max_tokens");
        assertThat(rejected(new GenerateRequest("x", 1025, null, null, null)).getMessage())
                .contains("between 1 and 1024");
        assertThat(rejected(new GenerateRequest("x", null, 2.1, null, null)).getMessage()).contains("temperature");
        assertThat(rejected(new GenerateRequest("x", null, -0.1, null, null)).code())
                .isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(rejected(new GenerateRequest("x", null, null, 0.0, null)).getMessage()).contains("top_p");
        assertThat(rejected(new GenerateRequest("x", null, null, 1.5, null)).getMessage()).contains("top_p");
        assertThat(rejected(new GenerateRequest("x", null, null, null, List.of("a", "b", "c", "d", "e")))
                .getMessage()).contains("at most 4");
        assertThat(invoker.calls()).isEmpty();
    }

    @Test
    void resolve_byIdNameOrModelId_findsTheNewestRunningDeploymentOfTheCaller() {
        // given (dep_run is running; a newer one of the same model and name is still creating)
        store.create(TestDeployments.deployment("dep_newer", DeploymentStatus.CREATING));
        // when / then
        assertThat(service.resolve(CLIENT, "dep_run").id()).isEqualTo("dep_run");
        assertThat(service.resolve(CLIENT, "clinical-assistant").id()).isEqualTo("dep_run");
        assertThat(service.resolve(CLIENT, "ZimaBlueAI/HuatuoGPT-o1-8B").id()).isEqualTo("dep_run");
    }

    @Test
    void resolve_forAnotherClientOrUnknownName_isModelNotFound() {
        for (String model : List.of("dep_run", "clinical-assistant", "ZimaBlueAI/HuatuoGPT-o1-8B", "gpt-4o")) {
            assertThatThrownBy(() -> service.resolve(OTHER_CLIENT, model))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
                        assertThat(e.httpStatus()).isEqualTo(404);
                    });
        }
    }

    @Test
    void resolve_whenOnlyNotRunningDeploymentsMatch_saysTheirStatus() {
        store.create(TestDeployments.deployment("dep_wait", DeploymentStatus.CREATING).withStatus(
                DeploymentStatus.CREATING, null, clock.instant()));
        Deployment other = new Deployment(CLIENT, "dep_other", "meta-llama/Llama-3.1-8B-Instruct", "llama",
                "gpu", "g4dn.xlarge", 1, 1, 0, false, "us-east-1", null, java.util.Map.of(), ModelConfig.EMPTY, null,
                null, DeploymentStatus.CREATING, null, clock.instant(), clock.instant(), 1);
        store.create(other);

        assertThatThrownBy(() -> service.resolve(CLIENT, "llama"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR);
                    assertThat(e.getMessage()).contains("dep_other").contains("creating");
                });
    }

    @Test
    void complete_withMessages_sendsTheChatToTheContainer_andRecordsUsage() {
        // given
        invoker.answer(new InvocationResult("Hi!", "eos_token", 12, 3));
        Deployment deployment = service.resolve(CLIENT, "dep_run");
        GenerateRequest chat = new GenerateRequest(null, List.of(new ChatMessage("developer", "Be brief."),
                new ChatMessage("user", "Hello")), 16, 0.0, null, List.of(), 40, 1.1, 0.5, -0.5, 7L);
        // when
        GenerateResult result = service.complete(deployment, chat);
        usage.flush();
        // then
        InvocationRequest sent = invoker.lastCall().request();
        assertThat(sent.messages()).containsExactly(new ChatMessage("system", "Be brief."),
                new ChatMessage("user", "Hello"));
        assertThat(sent.prompt()).isNull();
        assertThat(sent.temperature()).isZero();
        assertThat(List.of(sent.topK(), sent.repetitionPenalty(), sent.presencePenalty(), sent.frequencyPenalty(),
                sent.seed())).containsExactly(40, 1.1, 0.5, -0.5, 7L);
        assertThat(result.usage()).isEqualTo(new Usage(12, 3));
        assertThat(usageStore.added()).singleElement().satisfies(totals -> {
            assertThat(totals.deploymentId()).isEqualTo("dep_run");
            assertThat(totals.requests()).isEqualTo(1);
            assertThat(totals.promptTokens()).isEqualTo(12);
            assertThat(totals.completionTokens()).isEqualTo(3);
            assertThat(totals.errors()).isZero();
        });
    }

    @Test
    void stream_handsEachPieceOn_andAFailureCountsAsAnError() {
        Deployment deployment = service.resolve(CLIENT, "dep_run");
        List<String> pieces = new java.util.ArrayList<>();

        service.stream(deployment, prompt("Hello"), pieces::add);
        invoker.fail(new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "down"));
        assertThatThrownBy(() -> service.stream(deployment, prompt("Hello"), pieces::add));
        usage.flush();

        assertThat(String.join("", pieces)).isEqualTo("Hello from the fake model");
        assertThat(usageStore.added()).singleElement().satisfies(totals -> {
            assertThat(totals.requests()).isEqualTo(2);
            assertThat(totals.errors()).isEqualTo(1);
        });
    }

    @Test
    void complete_withBadMessagesOrPenalties_namesTheField() {
        Deployment deployment = service.resolve(CLIENT, "dep_run");
        assertThatThrownBy(() -> service.complete(deployment, new GenerateRequest(null, List.of(), null, null, null,
                null, null, null, null, null, null))).hasMessage("messages must hold at least one message");
        assertThatThrownBy(() -> service.complete(deployment, new GenerateRequest(null,
                List.of(new ChatMessage("tool", "x")), null, null, null, null, null, null, null, null, null)))
                .hasMessage("messages[0].role must be system, user or assistant (got 'tool')");
        assertThatThrownBy(() -> service.complete(deployment, new GenerateRequest("x", null, null, null, null,
                null, null, null, 2.5, null, null))).hasMessage("presence_penalty must be between -2 and 2 (got 2.5)");
        assertThatThrownBy(() -> service.complete(deployment, new GenerateRequest("x", null, null, null, null,
                null, 0, null, null, null, null))).hasMessage("top_k must be at least 1 (got 0)");
    }

    @Test
    void resolve_remembersARunningDeploymentBriefly_andForgetsItWhenItsEndpointFails() {
        Deployment first = service.resolve(CLIENT, "clinical-assistant");
        store.update(first.withStatus(DeploymentStatus.DELETING, null, clock.instant()));

        assertThat(service.resolve(CLIENT, "clinical-assistant").id()).isEqualTo("dep_run");
        clock.advance(GenerationService.DEFAULT_RESOLVE_TTL);
        assertThatThrownBy(() -> service.resolve(CLIENT, "clinical-assistant"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR));
    }

    @Test
    void resolve_afterTheEndpointSaysItIsNotInService_readsTheStoreAgain() {
        Deployment deployment = service.resolve(CLIENT, "dep_run");
        store.update(deployment.withStatus(DeploymentStatus.FAILED, "gone", clock.instant()));
        invoker.fail(new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "Endpoint sm-dep-run is not in service"));

        assertThatThrownBy(() -> service.complete(service.resolve(CLIENT, "dep_run"), prompt("x")));

        assertThatThrownBy(() -> service.resolve(CLIENT, "dep_run")).hasMessageContaining("failed");
    }
}
