package com.securemodel.localstack.sagemaker;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.waiters.SageMakerWaiter;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/** Real AWS SDK v2 clients pointed at a {@link SageMakerEmulator}; no retries, so errors surface as they are. */
final class SageMakerClients {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    private static final ClientOverrideConfiguration CONFIG = ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(30))
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .build();

    private SageMakerClients() {
    }

    static SageMakerClient controlPlane(URI endpoint) {
        return SageMakerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(CONFIG).build();
    }

    /** Polls every 50 ms (the SDK's default waits 30 s between attempts). */
    static SageMakerWaiter waiter(SageMakerClient client) {
        return SageMakerWaiter.builder().client(client).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(50)))
                .maxAttempts(600).build()).build();
    }

    static software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient autoScaling(
            URI endpoint) {
        return software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient.builder()
                .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .overrideConfiguration(CONFIG).build();
    }

    static SageMakerRuntimeClient runtime(URI endpoint) {
        return SageMakerRuntimeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(CONFIG).build();
    }

    static SageMakerRuntimeAsyncClient streaming(URI endpoint) {
        return SageMakerRuntimeAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(NettyNioAsyncHttpClient.create())
                .overrideConfiguration(CONFIG).build();
    }
}
