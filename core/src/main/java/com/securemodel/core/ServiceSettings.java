package com.securemodel.core;

import java.time.Duration;

/**
 * Deployment-wide settings of the service (from the function's environment).
 *
 * @param endpointPrefix every SageMaker resource name starts with {@code <prefix>-} (IAM is scoped to it)
 * @param executionRoleArn the role SageMaker models run as
 * @param region the AWS region the service runs in (deployments default to it)
 * @param publicBaseUrl the API's base URL, for the {@code endpoint} field (no trailing slash)
 * @param pollInterval delay between two {@code DescribeEndpoint} polls
 * @param maxPollAttempts polls before a deployment that never comes InService is marked failed
 * @param kmsKeyId KMS key for endpoint volumes, omitted on instance types with local NVMe; may be null
 * @param hipaaMode when true, prompts and completions never reach logs
 */
public record ServiceSettings(String endpointPrefix, String executionRoleArn, String region, String publicBaseUrl,
                              Duration pollInterval, int maxPollAttempts, String kmsKeyId, boolean hipaaMode) {
}
