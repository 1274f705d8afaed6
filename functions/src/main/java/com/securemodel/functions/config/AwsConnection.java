package com.securemodel.functions.config;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * Where and as whom the AWS clients connect: the region, the credentials and an optional endpoint per service.
 * On AWS it is the region from {@link ServiceProperties} and the default credentials chain; local mode points
 * every client at the embedded local cloud.
 *
 * @param sagemaker used for both the SageMaker and the SageMaker Runtime clients; null means AWS's endpoint
 */
public record AwsConnection(String region, AwsCredentialsProvider credentials, URI dynamoDb, URI sqs, URI s3,
                            URI sagemaker) {

    /** @return the connection the properties describe (the default credentials chain's credentials) */
    public static AwsConnection from(ServiceProperties properties) {
        ServiceProperties.Aws aws = properties.aws();
        return new AwsConnection(properties.region(), credentials(System.getenv(), System.getProperties()),
                aws.dynamodbEndpoint(), aws.sqsEndpoint(), aws.s3Endpoint(), aws.sagemakerEndpoint());
    }

    /**
     * The SDK's default credentials chain; but where that chain would answer from the environment (no key in the
     * system properties, its first link; a key and secret in {@code AWS_ACCESS_KEY_ID} and
     * {@code AWS_SECRET_ACCESS_KEY}: a Lambda function without SnapStart), the environment's provider itself. The same
     * credentials (session token included), without building the chain's other links (the profile files, the
     * container and instance metadata clients with their JSON parser: about 40 ms of a cold start). Where neither
     * holds (SnapStart, which serves credentials from the container endpoint; ECS; a developer's profile) the chain
     * decides, as before.
     */
    static AwsCredentialsProvider credentials(Map<String, String> environment, Properties system) {
        boolean fromEnvironment = system.getProperty("aws.accessKeyId") == null
                && hasText(environment.get("AWS_ACCESS_KEY_ID")) && hasText(environment.get("AWS_SECRET_ACCESS_KEY"));
        return fromEnvironment ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
