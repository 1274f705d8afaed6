package com.securemodel.localstack.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.localstack.llm.FileModelCatalog;
import com.securemodel.localstack.llm.Generation;
import com.securemodel.localstack.llm.GenerationSpec;
import com.securemodel.localstack.llm.LlamaModelLoader;
import com.securemodel.localstack.llm.ModelLoader;
import com.securemodel.localstack.llm.TextGenerator;
import com.securemodel.localstack.llm.TinyModelGenerator;
import com.securemodel.localstack.llm.TokenListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.waiters.SageMakerWaiter;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.PayloadPart;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * End to end through the real SDK clients, with real llama.cpp inference on the project's tiny random-weight model.
 * The loader is wrapped only to observe how many generations run at once.
 */
class SageMakerLlamaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TINY = TinyModelGenerator.MODEL_ID;

    @TempDir
    static Path modelsDir;
    private static final LlamaModelLoader LLAMA = new LlamaModelLoader();
    private static final ObservingLoader LOADER = new ObservingLoader(LLAMA);
    private static final ExecutorService CALLERS = Executors.newFixedThreadPool(4);
    private static SageMakerEmulator emulator;
    private static SageMakerClient sageMaker;
    private static SageMakerWaiter waiter;
    private static SageMakerRuntimeClient runtime;
    private static SageMakerRuntimeAsyncClient streaming;

    @BeforeAll
    static void start() {
        emulator = SageMakerEmulator.start(new InetSocketAddress("127.0.0.1", 0), new FileModelCatalog(modelsDir),
                LOADER);
        sageMaker = SageMakerClients.controlPlane(emulator.endpoint());
        waiter = SageMakerClients.waiter(sageMaker);
        runtime = SageMakerClients.runtime(emulator.endpoint());
        streaming = SageMakerClients.streaming(emulator.endpoint());
        deploy("tiny", TINY, 2);
    }

    @AfterAll
    static void stop() {
        sageMaker.close();
        runtime.close();
        streaming.close();
        emulator.close();
        CALLERS.shutdownNow();
    }

    @Test
    void invoke_generatesWithLlama_andTheSameSeedGivesTheSameText() throws IOException {
        String body = "{\"inputs\":\"Hello\",\"parameters\":{\"max_new_tokens\":12,\"do_sample\":true,"
                + "\"temperature\":0.8,\"seed\":42,\"details\":true}}";

        JsonNode first = JSON.readTree(invoke("tiny", body)).get(0);
        JsonNode second = JSON.readTree(invoke("tiny", body)).get(0);

        assertThat(first.get("generated_text").asText()).isNotEmpty();
        assertThat(second.get("generated_text").asText()).isEqualTo(first.get("generated_text").asText());
        assertThat(first.at("/details/seed").asLong()).isEqualTo(42);
        assertThat(first.at("/details/generated_tokens").asInt()).isBetween(1, 12);
        assertThat(first.at("/details/finish_reason").asText()).isIn("length", "eos_token", "stop_sequence");
        assertThat(first.at("/details/tokens")).hasSize(first.at("/details/generated_tokens").asInt());
    }

    @Test
    void stream_deliversSeveralPayloadParts_whoseTokensMakeTheText() throws Exception {
        String body = "{\"inputs\":\"Hello\",\"parameters\":{\"max_new_tokens\":8,\"seed\":7}}";
        String expected = JSON.readTree(invoke("tiny", body)).get(0).get("generated_text").asText();

        List<String> parts = stream("tiny", body);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p).startsWith("data:").endsWith("\n\n"));
        StringBuilder tokens = new StringBuilder();
        for (String part : parts) {
            tokens.append(JSON.readTree(part.substring("data:".length())).at("/token/text").asText());
        }
        JsonNode last = JSON.readTree(parts.getLast().substring("data:".length()));
        assertThat(last.get("generated_text").asText()).isEqualTo(expected);
        assertThat(last.at("/details/generated_tokens").asInt()).isEqualTo(parts.size());
        assertThat(expected).startsWith(tokens.toString().substring(0, Math.min(tokens.length(), expected.length())));
    }

    @Test
    void invoke_withMessages_answersAChatCompletion() throws IOException {
        JsonNode completion = JSON.readTree(invoke("tiny", "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":6,\"seed\":1}"));

        assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.get("model").asText()).isEqualTo(TINY);
        assertThat(completion.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isIn("length", "stop");
        assertThat(completion.at("/usage/completion_tokens").asInt()).isBetween(1, 6);
        assertThat(completion.at("/usage/prompt_tokens").asInt()).isPositive();
    }

    @Test
    void stream_withMessages_sendsChunksThenDone() {
        List<String> parts = stream("tiny", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":4}");

        assertThat(parts.getFirst()).contains("\"object\":\"chat.completion.chunk\"");
        assertThat(parts.getLast()).isEqualTo("data:[DONE]\n\n");
    }

    @Test
    void invoke_withNegativeMaxNewTokens_raisesModelError422_thenStillServes() {
        assertThatThrownBy(() -> invoke("tiny", "{\"inputs\":\"Hi\",\"parameters\":{\"max_new_tokens\":-5}}"))
                .isInstanceOfSatisfying(ModelErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(424);
                    assertThat(e.originalStatusCode()).isEqualTo(422);
                    assertThat(e.originalMessage()).contains("\"error_type\":\"validation\"")
                            .contains("max_new_tokens").contains("-5");
                    assertThat(e.logStreamArn()).contains("/aws/sagemaker/Endpoints/tiny");
                });
        assertThat(invoke("tiny", "{\"inputs\":\"Hi\",\"parameters\":{\"max_new_tokens\":2}}")).contains("generated_text");
    }

    @Test
    void invoke_withMalformedJson_raisesModelError400_thenStillServes() {
        assertThatThrownBy(() -> invoke("tiny", "{\"inputs\": \"unterminated"))
                .isInstanceOfSatisfying(ModelErrorException.class,
                        e -> assertThat(e.originalStatusCode()).isEqualTo(400));
        assertThat(invoke("tiny", "{\"inputs\":\"Hi\",\"parameters\":{\"max_new_tokens\":2}}")).contains("generated_text");
    }

    @Test
    void invoke_unknownEndpoint_raisesValidationError_thenStillServes() {
        assertThatThrownBy(() -> invoke("no-such-endpoint", "{\"inputs\":\"Hi\"}"))
                .isInstanceOf(ValidationErrorException.class)
                .hasMessageContaining("Endpoint no-such-endpoint of account 000000000000 not found.");
        assertThat(invoke("tiny", "{\"inputs\":\"Hi\",\"parameters\":{\"max_new_tokens\":2}}")).contains("generated_text");
    }

    @Test
    void endpoint_forAModelWithoutGguf_failsWithAReasonNamingTheFile() {
        createEndpoint("missing", "acme/not-downloaded-8B", 1);

        assertThatThrownBy(() -> waiter.waitUntilEndpointInService(r -> r.endpointName("missing")))
                .hasMessageContaining("EndpointStatus=Failed");

        DescribeEndpointResponse failed = sageMaker.describeEndpoint(r -> r.endpointName("missing"));
        assertThat(failed.endpointStatus()).isEqualTo(EndpointStatus.FAILED);
        assertThat(failed.failureReason()).contains(".gguf").contains(modelsDir.toString());
    }

    @Test
    void twoInstances_serveTwoRequestsAtOnce() throws Exception {
        LOADER.awaitConcurrent(2);
        try {
            String body = "{\"inputs\":\"Hello\",\"parameters\":{\"max_new_tokens\":4}}";
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> invoke("tiny", body), CALLERS);
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> invoke("tiny", body), CALLERS);

            assertThat(first.get(30, TimeUnit.SECONDS)).contains("generated_text");
            assertThat(second.get(30, TimeUnit.SECONDS)).contains("generated_text");
            assertThat(LOADER.maxConcurrent.get()).isEqualTo(2);
        } finally {
            LOADER.awaitConcurrent(0);
        }
    }

    @Test
    void deleteEndpointConfigAndModel_removeEverything() {
        createEndpoint("short-lived", TINY, 1);
        waiter.waitUntilEndpointInService(r -> r.endpointName("short-lived"));
        int closedBefore = LOADER.closed.get();

        sageMaker.deleteEndpoint(r -> r.endpointName("short-lived"));
        sageMaker.deleteEndpointConfig(r -> r.endpointConfigName("short-lived"));
        sageMaker.deleteModel(r -> r.modelName("short-lived"));

        assertThat(LOADER.closed.get()).isEqualTo(closedBefore + 1);
        assertThatThrownBy(() -> invoke("short-lived", "{\"inputs\":\"Hi\"}")).isInstanceOf(ValidationErrorException.class);
    }

    @Test
    void endpointsCreatedAndDeleted_reuseTheLoadedModel_soResidentMemoryDoesNotGrow() throws IOException {
        churn("churn-warm");
        int loads = LLAMA.nativeLoads();
        long mappings = mappingsOfTheTinyModel();

        for (int i = 0; i < 5; i++) {
            churn("churn-" + i);
        }

        assertThat(LLAMA.nativeLoads()).as("llama.cpp loads of the GGUF file").isEqualTo(loads);
        assertThat(mappingsOfTheTinyModel()).as("mappings of the GGUF file in this process").isEqualTo(mappings);
    }

    /** Creates an endpoint, generates once, deletes it (and its configuration and model). */
    private static void churn(String name) {
        deploy(name, TINY, 1);
        assertThat(invoke(name, "{\"inputs\":\"Hi\",\"parameters\":{\"max_new_tokens\":2}}")).contains("generated_text");
        sageMaker.deleteEndpoint(r -> r.endpointName(name));
        sageMaker.deleteEndpointConfig(r -> r.endpointConfigName(name));
        sageMaker.deleteModel(r -> r.modelName(name));
    }

    /** @return how many times the tiny GGUF file is mapped into this process (Linux) */
    private static long mappingsOfTheTinyModel() throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(line -> line.endsWith(TinyModelGenerator.FILE_NAME)).count();
        }
    }

    private static void deploy(String name, String modelId, int instances) {
        createEndpoint(name, modelId, instances);
        waiter.waitUntilEndpointInService(r -> r.endpointName(name));
    }

    private static void createEndpoint(String name, String modelId, int instances) {
        sageMaker.createModel(r -> r.modelName(name).executionRoleArn("arn:aws:iam::000000000000:role/sagemaker")
                .primaryContainer(c -> c.image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:latest")
                        .environment(Map.of("HF_MODEL_ID", modelId))));
        sageMaker.createEndpointConfig(r -> r.endpointConfigName(name).productionVariants(v -> v
                .variantName("AllTraffic").modelName(name).instanceType("ml.g5.xlarge")
                .initialInstanceCount(instances)));
        sageMaker.createEndpoint(r -> r.endpointName(name).endpointConfigName(name));
    }

    private static String invoke(String endpoint, String body) {
        return runtime.invokeEndpoint(r -> r.endpointName(endpoint).contentType("application/json")
                .body(SdkBytes.fromUtf8String(body))).body().asUtf8String();
    }

    private static List<String> stream(String endpoint, String body) {
        List<String> parts = new CopyOnWriteArrayList<>();
        streaming.invokeEndpointWithResponseStream(
                r -> r.endpointName(endpoint).contentType("application/json").body(SdkBytes.fromUtf8String(body)),
                InvokeEndpointWithResponseStreamResponseHandler.builder()
                        .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
                                .onPayloadPart((PayloadPart p) -> parts.add(p.bytes().asString(StandardCharsets.UTF_8)))
                                .build())
                        .build())
                .orTimeout(30, TimeUnit.SECONDS).join();
        return parts;
    }

    /** Wraps the real loader to count generations that run at the same time. */
    private static final class ObservingLoader implements ModelLoader {
        private final ModelLoader delegate;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        private volatile CountDownLatch together = new CountDownLatch(0);

        ObservingLoader(ModelLoader delegate) {
            this.delegate = delegate;
        }

        /** Makes each generation wait (up to 10 s) until {@code n} generations have started. */
        void awaitConcurrent(int n) {
            maxConcurrent.set(0);
            together = new CountDownLatch(n);
        }

        @Override
        public TextGenerator load(String modelId, Path gguf) {
            TextGenerator generator = delegate.load(modelId, gguf);
            return new TextGenerator() {
                @Override
                public Generation generate(GenerationSpec spec, TokenListener onToken) {
                    maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        CountDownLatch latch = together;
                        latch.countDown();
                        latch.await(10, TimeUnit.SECONDS);
                        return generator.generate(spec, onToken);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } finally {
                        running.decrementAndGet();
                    }
                }

                @Override
                public String modelId() {
                    return generator.modelId();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                    generator.close();
                }
            };
        }
    }
}
