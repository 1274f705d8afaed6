package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.deployment.SecuritySettings;
import com.securemodel.core.deployment.VpcConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A deployment as both PaiTIENT references write it: {@code id} and {@code deployment_id}, {@code model_name}
 * and {@code model_id}; {@code hosting} is this service's extension (the precision and tensor parallelism the
 * GPU fit chose); {@code status_reason} appears when the deployment failed.
 */
public record DeploymentView(String id, String deploymentId, String modelName, String modelId,
                             String deploymentName, String status, String statusReason, String endpoint,
                             String computeType, String instanceType, int minReplicas, int maxReplicas,
                             int currentReplicas, boolean autoScaling, String region, VpcConfig vpcConfig,
                             Map<String, String> tags, ModelConfig modelConfig, SecuritySettings securitySettings,
                             HostingView hosting, String createdAt, String updatedAt) {

    /** The {@code hosting} object. */
    public record HostingView(String precision, int tensorParallelDegree) {
    }

    /** @param publicBaseUrl the API's base URL, without a trailing slash */
    public static DeploymentView of(Deployment d, String publicBaseUrl) {
        return new DeploymentView(d.id(), d.id(), d.modelName(), d.modelName(), d.deploymentName(),
                d.status().wire(), d.statusReason(), publicBaseUrl + "/v1/deployments/" + d.id() + "/generate",
                d.computeType(), d.instanceType(), d.minReplicas(), d.maxReplicas(), d.currentReplicas(),
                d.autoScaling(), d.region(), d.vpcConfig(), d.tags(), d.modelConfig(), d.securitySettings(),
                d.hosting() == null ? null
                        : new HostingView(d.hosting().precision(), d.hosting().tensorParallelDegree()),
                timestamp(d.createdAt()), timestamp(d.updatedAt()));
    }

    /** ISO 8601 in UTC to the millisecond, as the references write it ({@code 2023-11-28T15:42:53.912Z}). */
    static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
