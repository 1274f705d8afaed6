package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

@ExtendWith(LocalCloudExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerModelInvokerIT {

    private SageMakerModelHost host;
    private EndpointSpec spec;
    /** The API's way: one signed request ({@link SignedInvokeEndpoint}). */
    private SageMakerModelInvoker invoker;
    /** The batch runner's way: the SDK's client. */
    private SageMakerModelInvoker sdkInvoker;
    private SageMakerRuntimeAsyncClient async;

    @BeforeAll
    void startTinyEndpoint(LocalCloud cloud) {
        host = new SageMakerModelHost(LocalClients.sageMaker(cloud));
        spec = TinyEndpoints.tiny(null);
        host.createEndpoint(spec);
        assertThat(SageMakerModelHostIT.awaitSettled(host, spec.endpointName()).status())
                .isEqualTo(EndpointState.Status.IN_SERVICE);
        async = LocalClients.asyncRuntime(cloud);
        invoker = new SageMakerModelInvoker(() -> SageMakerModelInvoker.InvokeEndpoint.signed(
                LocalClients.signedInvokeEndpoint(cloud)), () -> async);
        sdkInvoker = new SageMakerModelInvoker(LocalClients.runtime(cloud), () -> async);
    }

    @AfterAll
    void deleteEndpoint() {
        host.deleteEndpoint(spec.endpointName(), spec.endpointConfigName(), spec.modelName());
        async.close();
    }

    @Test
    void invoke_generatesTextWithTokenCounts_theSameEitherWay() {
        InvocationRequest request = new InvocationRequest("The patient reports", 8, 0.7, 0.9, 40, List.of(), 42L);
        InvocationResult result = invoker.invoke(spec.endpointName(), request);

        assertThat(result.text()).isNotEmpty();
        assertThat(result.generatedTokens()).isBetween(1, 8);
        assertThat(result.promptTokens()).isPositive();
        assertThat(result.finishReason()).isIn("length", "eos_token", "stop_sequence");
        assertThat(sdkInvoker.invoke(spec.endpointName(), request)).isEqualTo(result);
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
    void invoke_withParameterTheContainerRejects_isValidationErrorWithoutThePrompt_eitherWay() {
        String prompt = "secret patient name";

        for (SageMakerModelInvoker way : List.of(invoker, sdkInvoker)) {
            assertThatThrownBy(() -> way.invoke(spec.endpointName(),
                    new InvocationRequest(prompt, 4, null, 1.5, null, List.of(), null)))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                        assertThat(e.getMessage()).contains("`top_p`").doesNotContain(prompt);
                        assertThat(e.getCause().getMessage()).doesNotContain(prompt);
                    });
        }
    }

    @Test
    void invoke_unknownEndpoint_isDeploymentError_causedAsTheSdkClientCausesIt() {
        InvocationRequest request = new InvocationRequest("x", 1, null, null, null, List.of(), null);
        ServiceException signed = catchThrowableOfType(ServiceException.class,
                () -> invoker.invoke("sms-missing", request));
        ServiceException sdk = catchThrowableOfType(ServiceException.class,
                () -> sdkInvoker.invoke("sms-missing", request));

        assertThat(signed.code()).isEqualTo(ErrorCode.DEPLOYMENT_ERROR);
        assertThat(signed.getMessage()).isEqualTo(sdk.getMessage());
        assertThat(signed.getCause()).isInstanceOf(ValidationErrorException.class)
                .hasSameClassAs(sdk.getCause());
        ValidationErrorException cause = (ValidationErrorException) signed.getCause();
        ValidationErrorException sdkCause = (ValidationErrorException) sdk.getCause();
        assertThat(cause.statusCode()).isEqualTo(sdkCause.statusCode());
        assertThat(cause.awsErrorDetails().errorCode()).isEqualTo(sdkCause.awsErrorDetails().errorCode());
        assertThat(cause.awsErrorDetails().errorMessage()).isEqualTo(sdkCause.awsErrorDetails().errorMessage());
    }
}
