package com.securemodel.localstack;

/** What {@link LocalCloudMain} prints once the local cloud is up: one line per part, then client settings. */
final class LocalCloudBanner {

    private LocalCloudBanner() {
    }

    static String of(LocalCloud cloud) {
        StringBuilder out = new StringBuilder("Local cloud is up (Ctrl-C stops it)\n");
        for (StartedPart part : cloud.parts()) {
            out.append(String.format("  %-9s %s  (started in %d ms)%n",
                    part.name(), part.endpoint(), part.startTime().toMillis()));
        }
        if (cloud.sageMakerEndpoint() == null) {
            out.append(String.format("  %-9s not started yet in this build%n", "SageMaker"));
        }
        out.append(String.format("  models    %s%n", cloud.modelsDir()));
        out.append("AWS CLI / SDK settings:\n");
        out.append(String.format("  export AWS_REGION=%s AWS_DEFAULT_REGION=%s%n", cloud.region(), cloud.region()));
        out.append(String.format("  export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s%n",
                cloud.accessKey(), cloud.secretKey()));
        out.append(String.format("  export AWS_ENDPOINT_URL_DYNAMODB=%s%n", cloud.dynamoDbEndpoint()));
        out.append(String.format("  export AWS_ENDPOINT_URL_SQS=%s%n", cloud.sqsEndpoint()));
        out.append(String.format("  export AWS_ENDPOINT_URL_S3=%s   # path-style: "
                + "aws configure set default.s3.addressing_style path%n", cloud.s3Endpoint()));
        out.append("  export AWS_REQUEST_CHECKSUM_CALCULATION=when_required "
                + "AWS_RESPONSE_CHECKSUM_VALIDATION=when_required   # S3Proxy reads no trailing checksums\n");
        if (cloud.sageMakerEndpoint() != null) {
            out.append(String.format("  export AWS_ENDPOINT_URL_SAGEMAKER=%s AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME=%s%n",
                    cloud.sageMakerEndpoint(), cloud.sageMakerEndpoint()));
        }
        return out.toString();
    }
}
