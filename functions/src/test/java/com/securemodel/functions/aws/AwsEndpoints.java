package com.securemodel.functions.aws;

import com.securemodel.localstack.LocalCloud;
import java.net.URI;

/**
 * Where the AWS adapter ITs find DynamoDB, SQS and S3: the local cloud (always), or LocalStack in a container
 * (where a Docker engine exists; see {@link OnLocalStack}). One set of tests, two backends.
 *
 * @param backend a short name for messages
 */
public record AwsEndpoints(String backend, URI dynamoDb, URI sqs, URI s3, String region, String accessKey,
                           String secretKey) {

    static AwsEndpoints of(LocalCloud cloud) {
        return new AwsEndpoints("local cloud", cloud.dynamoDbEndpoint(), cloud.sqsEndpoint(), cloud.s3Endpoint(),
                cloud.region(), cloud.accessKey(), cloud.secretKey());
    }
}
