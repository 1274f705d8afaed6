package com.securemodel.sdk;

import java.util.Map;

/**
 * Which deployments {@link SecureModelClient#listDeployments(DeploymentFilter)} answers (null: any) and how many it
 * fetches per page (1-100; null: the service's default, 20).
 */
public record DeploymentFilter(String status, String modelName, String region, Map<String, String> tags,
                               Integer pageSize) {

    public static final DeploymentFilter ALL = new DeploymentFilter(null, null, null, null, null);

    public DeploymentFilter withStatus(String value) {
        return new DeploymentFilter(value, modelName, region, tags, pageSize);
    }

    public DeploymentFilter withModelName(String value) {
        return new DeploymentFilter(status, value, region, tags, pageSize);
    }

    public DeploymentFilter withRegion(String value) {
        return new DeploymentFilter(status, modelName, value, tags, pageSize);
    }

    public DeploymentFilter withTags(Map<String, String> value) {
        return new DeploymentFilter(status, modelName, region, value, pageSize);
    }

    public DeploymentFilter withPageSize(int value) {
        return new DeploymentFilter(status, modelName, region, tags, value);
    }
}
