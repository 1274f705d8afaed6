package com.securemodel.localstack;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real AWS SDK v2 clients pointed at a {@link LocalCloud}. */
final class AwsClients {

    private static final ClientOverrideConfiguration TIMEOUTS = ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(10))
            .apiCallAttemptTimeout(Duration.ofSeconds(10))
            .build();

    private AwsClients() {
    }

    static DynamoDbClient dynamoDb(LocalCloud cloud) {
        return DynamoDbClient.builder()
                .endpointOverride(cloud.dynamoDbEndpoint())
                .region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(TIMEOUTS)
                .build();
    }

    static SqsClient sqs(LocalCloud cloud) {
        return SqsClient.builder()
                .endpointOverride(cloud.sqsEndpoint())
                .region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(TIMEOUTS)
                .build();
    }

    static S3Client s3(LocalCloud cloud) {
        return S3Client.builder()
                .endpointOverride(cloud.s3Endpoint())
                .region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(TIMEOUTS)
                .build();
    }

    private static StaticCredentialsProvider credentials(LocalCloud cloud) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(cloud.accessKey(), cloud.secretKey()));
    }
}
