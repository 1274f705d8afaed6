package com.securemodel.core.deployment;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.Map;

/**
 * A deployment of a model onto a SageMaker endpoint, owned by one client.
 *
 * @param statusReason why it failed (or null); a message a user can act on
 * @param version optimistic-locking version, incremented by every stored change
 */
public record Deployment(
        ClientId clientId,
        String id,
        String modelName,
        String deploymentName,
        String computeType,
        String instanceType,
        int minReplicas,
        int maxReplicas,
        int currentReplicas,
        boolean autoScaling,
        String region,
        VpcConfig vpcConfig,
        Map<String, String> tags,
        ModelConfig modelConfig,
        SecuritySettings securitySettings,
        HostingPlan hosting,
        DeploymentStatus status,
        String statusReason,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Deployment {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        modelConfig = modelConfig == null ? ModelConfig.EMPTY : modelConfig;
        securitySettings = securitySettings == null ? SecuritySettings.EMPTY : securitySettings;
    }

    /** @return a copy in {@code next} status (with its reason, may be null), updated at {@code now} */
    public Deployment withStatus(DeploymentStatus next, String reason, Instant now) {
        return new Deployment(clientId, id, modelName, deploymentName, computeType, instanceType, minReplicas,
                maxReplicas, currentReplicas, autoScaling, region, vpcConfig, tags, modelConfig, securitySettings,
                hosting, next, reason, createdAt, now, version);
    }

    /** @return a copy with {@code replicas} current replicas */
    public Deployment withCurrentReplicas(int replicas) {
        return new Deployment(clientId, id, modelName, deploymentName, computeType, instanceType, minReplicas,
                maxReplicas, replicas, autoScaling, region, vpcConfig, tags, modelConfig, securitySettings, hosting,
                status, statusReason, createdAt, updatedAt, version);
    }

    /**
     * @return a copy with what an update changes, in {@code next} status (reason cleared), updated at {@code now}
     */
    public Deployment withChanges(String newInstanceType, int newMin, int newMax, boolean newAutoScaling,
                                  Map<String, String> newTags, ModelConfig newModelConfig, HostingPlan newHosting,
                                  DeploymentStatus next, Instant now) {
        return new Deployment(clientId, id, modelName, deploymentName, computeType, newInstanceType, newMin, newMax,
                currentReplicas, newAutoScaling, region, vpcConfig, newTags, newModelConfig, securitySettings,
                newHosting, next, null, createdAt, now, version);
    }

    /** @return a copy with the next version number (stores call this when they write) */
    public Deployment nextVersion() {
        return new Deployment(clientId, id, modelName, deploymentName, computeType, instanceType, minReplicas,
                maxReplicas, currentReplicas, autoScaling, region, vpcConfig, tags, modelConfig, securitySettings,
                hosting, status, statusReason, createdAt, updatedAt, version + 1);
    }
}
