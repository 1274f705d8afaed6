package com.securemodel.localstack.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.PayloadPart;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/** Runtime behaviour that a fake model makes deterministic: queueing, throttling, errors in the middle of a stream. */
class SageMakerRuntimeFakeModelIT {

    private static final FakeModels MODELS = new FakeModels();
    private static final int MAX_QUEUED = 1;
    private static final ExecutorService CALLERS = Executors.newFixedThreadPool(4);
    private static SageMakerEmulator emulator;
    private static SageMakerRuntimeClient runtime;
    private static SageMakerRuntimeAsyncClient streaming;

    @BeforeAll
    static void start() {
        emulator = SageMakerEmulator.start(new InetSocketAddress("127.0.0.1", 0), MODELS, MODELS, MAX_QUEUED);
        runtime = SageMakerClients.runtime(emulator.endpoint());
        streaming = SageMakerClients.streaming(emulator.endpoint());
        try (SageMakerClient sageMaker = SageMakerClients.controlPlane(emulator.endpoint())) {
            sageMaker.createModel(r -> r.modelName("fake").executionRoleArn("arn:aws:iam::000000000000:role/x")
                    .primaryContainer(c -> c.image("tgi").environment(Map.of("HF_MODEL_ID", FakeModels.MODEL_ID))));
            sageMaker.createEndpointConfig(r -> r.endpointConfigName("fake").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("fake").instanceType("ml.m5.xlarge").initialInstanceCount(1)));
            sageMaker.createEndpoint(r -> r.endpointName("fake").endpointConfigName("fake"));
            SageMakerClients.waiter(sageMaker).waitUntilEndpointInService(r -> r.endpointName("fake"));
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
        streaming.close();
        emulator.close();
        CALLERS.shutdownNow();
        assertThat(MODELS.closed.get()).isEqualTo(MODELS.loaded.get());
    }

    @Test
    void invoke_returnsTgiGeneratedTextAndTheInvokedVariant() {
        InvokeEndpointResponse response = invoke("{\"inputs\":\"one two three\",\"parameters\":{\"max_new_tokens\":2}}");

        assertThat(response.body().asUtf8String()).isEqualTo("[{\"generated_text\":\"one two\"}]");
        assertThat(response.invokedProductionVariant()).isEqualTo("AllTraffic");
        assertThat(response.contentType()).isEqualTo("application/json");
    }

    @Test
    void invoke_whenTheOnlyInstanceIsBusyAndTheQueueFull_isThrottled_thenServesAgain() throws Exception {
        MODELS.gated = true;
        MODELS.started = new CountDownLatch(1);
        try {
            CompletableFuture<InvokeEndpointResponse> running = CompletableFuture.supplyAsync(() -> invoke("{\"inputs\":\"a\"}"), CALLERS);
            assertThat(MODELS.started.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<InvokeEndpointResponse> second = CompletableFuture.supplyAsync(() -> invoke("{\"inputs\":\"b\"}"), CALLERS);
            CompletableFuture<InvokeEndpointResponse> third = CompletableFuture.supplyAsync(() -> invoke("{\"inputs\":\"b\"}"), CALLERS);

            assertThat(CompletableFuture.anyOf(second, third)).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingCause().isInstanceOfSatisfying(SageMakerRuntimeException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                        assertThat(e.isThrottlingException()).isTrue();
                    });

            MODELS.gate.release(2);
            assertThat(running.get(5, TimeUnit.SECONDS).body().asUtf8String()).contains("\"a\"");
            CompletableFuture<InvokeEndpointResponse> queued = second.isCompletedExceptionally() ? third : second;
            assertThat(queued.get(5, TimeUnit.SECONDS).body().asUtf8String()).contains("\"b\"");
        } finally {
            MODELS.gated = false;
            MODELS.gate.release(10);
        }
        assertThat(invoke("{\"inputs\":\"after\"}").body().asUtf8String()).contains("after");
    }

    @Test
    void invoke_whenTheModelFails_returnsModelErrorWith500_thenServesAgain() {
        assertThatThrownBy(() -> invoke("{\"inputs\":\"explode now\"}"))
                .isInstanceOfSatisfying(ModelErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(424);
                    assertThat(e.originalStatusCode()).isEqualTo(500);
                    assertThat(e.originalMessage()).contains("\"error_type\":\"generation\"")
                            .contains("the model crashed");
                });
        assertThat(invoke("{\"inputs\":\"fine\"}").body().asUtf8String()).contains("fine");
    }

    @Test
    void stream_whenTheModelFailsAfterTheFirstToken_endsWithModelStreamError() {
        List<String> parts = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> call = streaming.invokeEndpointWithResponseStream(
                r -> r.endpointName("fake").contentType("application/json")
                        .body(SdkBytes.fromUtf8String("{\"inputs\":\"one two explode\"}")),
                InvokeEndpointWithResponseStreamResponseHandler.builder()
                        .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
                                .onPayloadPart((PayloadPart p) -> parts.add(p.bytes().asString(StandardCharsets.UTF_8)))
                                .build())
                        .build());

        assertThat(call).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().isInstanceOf(ModelStreamErrorException.class)
                .withMessageContaining("the model crashed");
        assertThat(parts).singleElement().asString().startsWith("data:{\"index\":1,\"token\":{\"id\":100,\"text\":\"one\"");
        assertThat(invoke("{\"inputs\":\"fine\"}").body().asUtf8String()).contains("fine");
    }

    @Test
    void stream_unknownEndpoint_failsWithValidationError() {
        CompletableFuture<Void> call = streaming.invokeEndpointWithResponseStream(
                r -> r.endpointName("nowhere").contentType("application/json")
                        .body(SdkBytes.fromUtf8String("{\"inputs\":\"x\"}")),
                InvokeEndpointWithResponseStreamResponseHandler.builder()
                        .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder().build()).build());

        assertThat(call).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause()
                .isInstanceOf(software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException.class)
                .withMessageContaining("Endpoint nowhere of account 000000000000 not found.");
    }

    private static InvokeEndpointResponse invoke(String body) {
        return runtime.invokeEndpoint(r -> r.endpointName("fake").contentType("application/json")
                .body(SdkBytes.fromUtf8String(body)));
    }
}
