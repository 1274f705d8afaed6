package com.securemodel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.aws.BufferedPostHttpClient;
import com.securemodel.localstack.sagemaker.SageMakerEmulator;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClientBuilder;

/** SDK clients pointed at the emulator, and the few control-plane steps the benchmarks need. */
final class SageMakerClients {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private SageMakerClients() {
    }

    static SageMakerClient control(SageMakerEmulator emulator) {
        return SageMakerClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    static SageMakerRuntimeClient runtime(SageMakerEmulator emulator) {
        return runtime(emulator.endpoint());
    }

    static SageMakerRuntimeClient runtime(java.net.URI endpoint) {
        return runtime(endpoint, false);
    }

    /**
     * @param buffered on the service's {@link BufferedPostHttpClient} (no 1 ms probe of the kept-alive connection
     *                 before each call) rather than the SDK's {@code UrlConnectionHttpClient}
     */
    static SageMakerRuntimeClient runtime(java.net.URI endpoint, boolean buffered) {
        SageMakerRuntimeClientBuilder builder = SageMakerRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS);
        if (buffered) {
            builder.httpClient(BufferedPostHttpClient.create(Duration.ofSeconds(2), Duration.ofMinutes(5)));
        } else {
            builder.httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)));
        }
        return builder.build();
    }

    /**
     * The async runtime client {@code InvokeEndpointWithResponseStream} needs, built as the service builds its own:
     * Netty, a 2-second connection timeout.
     */
    static SageMakerRuntimeAsyncClient runtimeAsync(java.net.URI endpoint) {
        return SageMakerRuntimeAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(2))
                        .apiCallAttemptTimeout(Duration.ofMinutes(2)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                .build();
    }

    /** Creates model, endpoint config and endpoint (one instance) and waits until it is InService. */
    static void createEndpoint(SageMakerClient control, String name, String modelId) {
        control.createModel(r -> r.modelName(name)
                .executionRoleArn("arn:aws:iam::000000000000:role/bench")
                .primaryContainer(c -> c.image("local/llama-cpp").environment(java.util.Map.of("HF_MODEL_ID", modelId))));
        control.createEndpointConfig(r -> r.endpointConfigName(name)
                .productionVariants(v -> v.variantName("AllTraffic").modelName(name)
                        .instanceType("ml.g4dn.xlarge").initialInstanceCount(1)));
        control.createEndpoint(r -> r.endpointName(name).endpointConfigName(name));
        var status = control.waiter().waitUntilEndpointInService(r -> r.endpointName(name)).matched().response()
                .orElseThrow(() -> new IllegalStateException("endpoint " + name + " did not come InService"))
                .endpointStatus();
        if (status != EndpointStatus.IN_SERVICE) {
            throw new IllegalStateException("endpoint " + name + " is " + status);
        }
    }

    static void deleteEndpoint(SageMakerClient control, String name) {
        control.deleteEndpoint(r -> r.endpointName(name));
        control.deleteEndpointConfig(r -> r.endpointConfigName(name));
        control.deleteModel(r -> r.modelName(name));
    }

    /** generated_text of a TGI response array. */
    static String generatedText(String tgiResponse) {
        try {
            JsonNode first = JSON.readTree(tgiResponse).get(0);
            return first.path("generated_text").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("not a TGI response: " + tgiResponse, e);
        }
    }
}
