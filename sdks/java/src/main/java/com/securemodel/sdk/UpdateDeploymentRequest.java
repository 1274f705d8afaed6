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
    public static final class Builder {
        private Integer minReplicas;
        private Integer maxReplicas;
        private Boolean autoScaling;
        private String instanceType;
        private Map<String, String> tags;
        private Map<String, Object> modelConfig;

        public Builder minReplicas(int value) {
            minReplicas = value;
            return this;
        }

        public Builder maxReplicas(int value) {
            maxReplicas = value;
            return this;
        }

        public Builder autoScaling(boolean value) {
            autoScaling = value;
            return this;
        }

        public Builder instanceType(String value) {
            instanceType = value;
            return this;
        }

        public Builder tags(Map<String, String> value) {
            tags = value;
            return this;
        }

        public Builder modelConfig(Map<String, Object> value) {
            modelConfig = value;
            return this;
        }

        public UpdateDeploymentRequest build() {
            return new UpdateDeploymentRequest(minReplicas, maxReplicas, autoScaling, instanceType, tags, modelConfig);
        }
    }
}
