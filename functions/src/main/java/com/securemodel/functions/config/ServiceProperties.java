package com.securemodel.functions.config;

import com.securemodel.core.ServiceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's settings, prefix {@code securemodel}. On Lambda they come from environment variables by relaxed
 * binding ({@code SECUREMODEL_TABLE_NAME}, {@code SECUREMODEL_PROVISIONING_QUEUE_URL},
 * {@code SECUREMODEL_SAGEMAKER_ROLE_ARN}, {@code SECUREMODEL_POLL_INTERVAL}, ...); local mode sets them in
 * {@code application-local.yml}.
 *
 * @param tableName the single DynamoDB table
 * @param provisioningQueueUrl the deployment worker's SQS queue
 * @param asyncQueueUrl the queue of requests accepted with {@code Prefer: respond-async}
 * @param modelJobQueueUrl the Bytez job worker's SQS queue ({@code SECUREMODEL_MODEL_JOB_QUEUE_URL})
 * @param serviceBucket the service's S3 bucket (tokenizer files under {@code models/<model id>/}); may be null
 * @param sagemakerRoleArn the execution role SageMaker models run as
 * @param endpointPrefix every SageMaker resource name starts with {@code <prefix>-}
 * @param region the AWS region of the clients and the default region of deployments
 * @param publicBaseUrl the API's base URL, for the {@code endpoint} field of deployments
 * @param pollInterval delay between two {@code DescribeEndpoint} polls
 * @param maxPollAttempts polls before a deployment that never comes InService is failed
 * @param kmsKeyId KMS key for endpoint volumes (omitted on instance types with local NVMe); may be null
 * @param hipaaMode when true, prompts and completions never reach logs
 * @param apiKey local mode only: the API key of client {@code local-dev}
 * @param aws endpoint overrides of the AWS clients (local mode, LocalStack)
 * @param bytezInstanceTypes the instance types a Bytez load may use, the cheapest that fits first
 *        ({@code SECUREMODEL_BYTEZ_INSTANCE_TYPES}, comma separated; the stack passes its allowed types)
 */
@ConfigurationProperties("securemodel")
public record ServiceProperties(
        String tableName,
        String provisioningQueueUrl,
        String asyncQueueUrl,
        String modelJobQueueUrl,
        String serviceBucket,
        String sagemakerRoleArn,
        @DefaultValue("sms") String endpointPrefix,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("60") int maxPollAttempts,
        String kmsKeyId,
        @DefaultValue("true") boolean hipaaMode,
        String apiKey,
        @DefaultValue Aws aws,
        @DefaultValue({"g4dn.xlarge", "g4dn.2xlarge", "g4dn.4xlarge", "g4dn.8xlarge", "g4dn.16xlarge", "g4dn.12xlarge"})
        List<String> bytezInstanceTypes) {

    /** @return the settings the core services take */
    public ServiceSettings toSettings() {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        return new ServiceSettings(endpointPrefix, sagemakerRoleArn, region, base, pollInterval, maxPollAttempts,
                blankToNull(kmsKeyId), hipaaMode);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Optional endpoint overrides, prefix {@code securemodel.aws} (for example
     * {@code SECUREMODEL_AWS_DYNAMODB_ENDPOINT=http://127.0.0.1:8000}); null means the AWS default.
     *
     * @param sagemakerEndpoint used for both the SageMaker and the SageMaker Runtime clients
     * @param apiCallTimeout the whole call, retries included
     * @param apiCallAttemptTimeout one attempt
     * @param invokeTimeout {@code InvokeEndpoint} (generation is slower than control-plane calls)
     */
    public record Aws(URI dynamodbEndpoint, URI sqsEndpoint, URI s3Endpoint, URI sagemakerEndpoint,
                      @DefaultValue("10s") Duration apiCallTimeout,
                      @DefaultValue("4s") Duration apiCallAttemptTimeout,
                      @DefaultValue("120s") Duration invokeTimeout) {
    }
}
