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
import com.securemodel.core.fakes.SequentialIdGenerator;
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
    private final GenerationService service = new GenerationService(store, invoker, clock, new SequentialIdGenerator());

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
}
