package com.securemodel.functions.config;

import com.securemodel.functions.aws.BufferedPostHttpClient;
import com.securemodel.functions.aws.SignedDynamoDbClient;
import com.securemodel.functions.aws.SignedInvokeEndpoint;
import java.net.URI;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK clients: one singleton each, on the URL connection HTTP client (fast Lambda cold starts) with small
 * {@code POST}s sent buffered ({@link BufferedPostHttpClient}: no 1 ms connection probe before each call), with
 * {@code apiCallTimeout} and {@code apiCallAttemptTimeout} set.
 *
 * @see <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/best-practices.html">AWS SDK for
 *      Java 2.x best practices</a>
 */
@Configuration(proxyBeanMethods = false)
public class AwsClientsConfiguration {

    @Bean
    @Profile("!local")
    AwsConnection awsConnection(ServiceProperties properties) {
        return AwsConnection.from(properties);
    }

    @Bean
    @Profile("!local")
    AwsResources awsResources(ServiceProperties properties) {
        return new AwsResources(properties.tableName(), properties.provisioningQueueUrl(), properties.asyncQueueUrl(),
                properties.modelJobQueueUrl());
    }

    @Bean(destroyMethod = "close")
    SdkHttpClient sdkHttpClient() {
        return BufferedPostHttpClient.create(Duration.ofSeconds(2), Duration.ofSeconds(130));
    }

    /**
     * DynamoDB as signed requests without the SDK client's pipeline ({@link SignedDynamoDbClient}), made on its first
     * call ({@link LazyDynamoDbClient}): a {@code /health} cold start never makes it.
     */
    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(AwsConnection connection, SdkHttpClient http, ServiceProperties properties) {
        return new LazyDynamoDbClient(new LazyClient<>(() -> SignedDynamoDbClient.create(http,
                connection.credentials(), connection.region(), connection.dynamoDb(),
                properties.aws().apiCallTimeout(), properties.aws().apiCallAttemptTimeout())));
    }

    /** Built on its first call ({@link LazySqsClient}). */
    @Bean(destroyMethod = "close")
    SqsClient sqsClient(AwsConnection connection, SdkHttpClient http, ServiceProperties properties) {
        return new LazySqsClient(new LazyClient<>(() -> configure(SqsClient.builder(), connection, connection.sqs(),
                controlPlane(properties)).httpClient(http).build()));
    }

    /** The control plane (the deployment worker's); built on first use, see {@link SageMakerControlPlane}. */
    @Bean
    SageMakerControlPlane sageMakerClient(AwsConnection connection, SdkHttpClient http, ServiceProperties properties) {
        return SageMakerControlPlane.of(connection, http, properties);
    }

    /**
     * Application Auto Scaling (the deployment worker's); locally the SageMaker emulator serves its calls too. Built on
     * first use, see {@link ScalingControlPlane}.
     */
    @Bean
    ScalingControlPlane applicationAutoScalingClient(AwsConnection connection, SdkHttpClient http,
                                                     ServiceProperties properties) {
        return ScalingControlPlane.of(connection, http, properties);
    }

    /**
     * {@code InvokeEndpoint} as one signed request without the SDK client's pipeline ({@link SignedInvokeEndpoint}):
     * the generate path's AWS call. Built on first use (the invoker asks for it on its first generation).
     */
    @Bean
    @Lazy
    SignedInvokeEndpoint signedInvokeEndpoint(AwsConnection connection, SdkHttpClient http,
                                              ServiceProperties properties) {
        return SignedInvokeEndpoint.create(http, connection.credentials(), connection.region(), connection.sagemaker(),
                properties.aws().invokeTimeout());
    }

    /** S3 (batch files, tokenizer files); built on first use, see {@link S3Storage}. */
    @Bean
    S3Storage s3Client(AwsConnection connection, SdkHttpClient http, ServiceProperties properties) {
        return S3Storage.of(connection, http, properties);
    }

    /** Streaming ({@code InvokeEndpointWithResponseStream}) needs an async client; created on first use. */
    @Bean(destroyMethod = "close")
    @Lazy
    SageMakerRuntimeAsyncClient sageMakerRuntimeAsyncClient(AwsConnection connection, ServiceProperties properties) {
        return configure(SageMakerRuntimeAsyncClient.builder(), connection, connection.sagemaker(),
                invoke(properties))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                .build();
    }

    static ClientOverrideConfiguration controlPlane(ServiceProperties properties) {
        return ClientOverrideConfiguration.builder().apiCallTimeout(properties.aws().apiCallTimeout())
                .apiCallAttemptTimeout(properties.aws().apiCallAttemptTimeout()).build();
    }

    private static ClientOverrideConfiguration invoke(ServiceProperties properties) {
        Duration timeout = properties.aws().invokeTimeout();
        return ClientOverrideConfiguration.builder().apiCallTimeout(timeout).apiCallAttemptTimeout(timeout).build();
    }

    static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsConnection connection, URI endpoint,
                                                          ClientOverrideConfiguration overrides) {
        builder.region(Region.of(connection.region())).credentialsProvider(connection.credentials())
                .overrideConfiguration(overrides);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }
}
