package com.securemodel.functions.config;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Where and as whom the AWS clients connect: the region, the credentials and an optional endpoint per service.
 * On AWS it is the region from {@link ServiceProperties} and the default credentials chain; local mode points
 * every client at the embedded local cloud.
 *
 * @param sagemaker used for both the SageMaker and the SageMaker Runtime clients; null means AWS's endpoint
 */
public record AwsConnection(String region, AwsCredentialsProvider credentials, URI dynamoDb, URI sqs, URI s3,
                            URI sagemaker) {

    /** @return the connection the properties describe (default credentials chain) */
    public static AwsConnection from(ServiceProperties properties) {
        ServiceProperties.Aws aws = properties.aws();
        return new AwsConnection(properties.region(), DefaultCredentialsProvider.builder().build(),
                aws.dynamodbEndpoint(), aws.sqsEndpoint(), aws.s3Endpoint(), aws.sagemakerEndpoint());
    }
}
