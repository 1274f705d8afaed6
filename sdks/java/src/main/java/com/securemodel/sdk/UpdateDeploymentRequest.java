package com.securemodel.sdk;

import java.util.Map;

/**
 * A change to a deployment ({@code PATCH /deployments/{id}}): only what is set is sent; {@code tags} and
 * {@code modelConfig} merge into what the deployment has.
 */
public record UpdateDeploymentRequest(
        Integer minReplicas,
        Integer maxReplicas,
        Boolean autoScaling,
        String instanceType,
        Map<String, String> tags,
        Map<String, Object> modelConfig) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link UpdateDeploymentRequest}. */
    public static final class Builder extends DeploymentSettingsBuilder<Builder> {
        public UpdateDeploymentRequest build() {
            return new UpdateDeploymentRequest(minReplicas, maxReplicas, autoScaling, instanceType, tags, modelConfig);
        }
    }
}
