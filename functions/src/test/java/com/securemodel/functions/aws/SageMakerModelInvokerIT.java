package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.InvocationResult;
import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

@ExtendWith(LocalCloudExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerModelInvokerIT {

    private SageMakerModelHost host;
    private EndpointSpec spec;
    private SageMakerModelInvoker invoker;
    private SageMakerRuntimeAsyncClient async;

    @BeforeAll
    void startTinyEndpoint(LocalCloud cloud) {
        host = new SageMakerModelHost(LocalClients.sageMaker(cloud));
        spec = TinyEndpoints.tiny(null);
        host.createEndpoint(spec);
        assertThat(SageMakerModelHostIT.awaitSettled(host, spec.endpointName()).status())
                .isEqualTo(EndpointState.Status.IN_SERVICE);
        async = LocalClients.asyncRuntime(cloud);
        invoker = new SageMakerModelInvoker(LocalClients.runtime(cloud), () -> async);
    }

    @AfterAll
    void deleteEndpoint() {
        host.deleteEndpoint(spec.endpointName(), spec.endpointConfigName(), spec.modelName());
        async.close();
    }

    @Test
    void invoke_generatesTextWithTokenCounts() {
        InvocationResult result = invoker.invoke(spec.endpointName(),
                new InvocationRequest("The patient reports", 8, 0.7, 0.9, 40, List.of(), 42L));

        assertThat(result.text()).isNotEmpty();
        assertThat(result.generatedTokens()).isBetween(1, 8);
        assertThat(result.promptTokens()).isPositive();
        assertThat(result.finishReason()).isIn("length", "eos_token", "stop_sequence");
    }

    @Test
    void stream_deliversTheSameTextTokenByToken() {
        InvocationRequest request = new InvocationRequest("Hello", 6, null, null, null, List.of(), null);
        StringBuilder streamed = new StringBuilder();

        InvocationResult result = invoker.stream(spec.endpointName(), request, streamed::append);

        assertThat(result.text()).isNotEmpty().isEqualTo(streamed.toString());
        assertThat(result.text()).isEqualTo(invoker.invoke(spec.endpointName(), request).text());
        assertThat(result.generatedTokens()).isBetween(1, 6);
    }

    @Test
    void invoke_withParameterTheContainerRejects_isValidationErrorWithoutThePrompt() {
        String prompt = "secret patient name";

        assertThatThrownBy(() -> invoker.invoke(spec.endpointName(),
                new InvocationRequest(prompt, 4, null, 1.5, null, List.of(), null)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage()).contains("`top_p`").doesNotContain(prompt);
                    assertThat(e.getCause().getMessage()).doesNotContain(prompt);
                });
    }

    @Test
    void invoke_unknownEndpoint_isDeploymentError() {
        assertThatThrownBy(() -> invoker.invoke("sms-missing",
                new InvocationRequest("x", 1, null, null, null, List.of(), null)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR));
    }
}
