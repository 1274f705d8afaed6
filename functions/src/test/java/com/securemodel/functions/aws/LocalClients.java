package com.securemodel.functions.aws;

import com.securemodel.localstack.LocalCloud;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real SDK clients against the local cloud, with an interceptor that records every request (to pin the wire). */
final class LocalClients {

    private LocalClients() {
    }

    static DynamoDbClient dynamoDb(AwsEndpoints aws, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().endpointOverride(aws.dynamoDb()).region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKey(),
                        aws.secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.executionInterceptors(List.of(interceptors))).build();
    }

    static SqsClient sqs(AwsEndpoints aws) {
        return SqsClient.builder().endpointOverride(aws.sqs()).region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKey(),
                        aws.secretKey())))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static DynamoDbClient dynamoDb(LocalCloud cloud, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.executionInterceptors(List.of(interceptors))).build();
    }

    static SqsClient sqs(LocalCloud cloud) {
        return SqsClient.builder().endpointOverride(cloud.sqsEndpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SageMakerClient sageMaker(LocalCloud cloud, ExecutionInterceptor... interceptors) {
        return SageMakerClient.builder().endpointOverride(cloud.sageMakerEndpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.executionInterceptors(List.of(interceptors))).build();
    }

    static SageMakerRuntimeClient runtime(LocalCloud cloud) {
        return SageMakerRuntimeClient.builder().endpointOverride(cloud.sageMakerEndpoint())
                .region(Region.of(cloud.region())).credentialsProvider(credentials(cloud))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The API's {@code InvokeEndpoint}, as the service builds it, on the local cloud. */
    static SignedInvokeEndpoint signedInvokeEndpoint(LocalCloud cloud) {
        return SignedInvokeEndpoint.create(BufferedPostHttpClient.create(Duration.ofSeconds(2), Duration.ofSeconds(130)),
                credentials(cloud), cloud.region(), cloud.sageMakerEndpoint(), Duration.ofSeconds(120));
    }

    static SageMakerRuntimeAsyncClient asyncRuntime(LocalCloud cloud) {
        return SageMakerRuntimeAsyncClient.builder().endpointOverride(cloud.sageMakerEndpoint())
                .region(Region.of(cloud.region())).credentialsProvider(credentials(cloud)).build();
    }

    private static StaticCredentialsProvider credentials(LocalCloud cloud) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(cloud.accessKey(), cloud.secretKey()));
    }

    /** Records each SDK request object and each marshalled HTTP body. */
    static final class Recorder implements ExecutionInterceptor {
        final List<SdkRequest> requests = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();

        @Override
        public synchronized void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            requests.add(context.request());
            context.requestBody().ifPresent(body -> {
                try (var in = body.contentStreamProvider().newStream()) {
                    bodies.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        synchronized <T extends SdkRequest> List<T> of(Class<T> type) {
            return requests.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
