package com.securemodel.sdk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * A new deployment ({@code POST /deployments}); only {@code modelName} is required. {@code idempotencyKey} is sent as
 * the {@code Idempotency-Key} header, which also lets the client retry the create after a 429, a 5xx or a timeout.
 */
public record DeployRequest(
        String modelName,
        String deploymentName,
        Boolean useGpu,
        String computeType,
        String instanceType,
        Integer minReplicas,
        Integer maxReplicas,
        Boolean autoScaling,
        String region,
        Map<String, Object> vpcConfig,
        Map<String, String> tags,
        Map<String, Object> modelConfig,
        Map<String, Object> securitySettings,
        @JsonIgnore String idempotencyKey) {

    public static Builder builder(String modelName) {
        return new Builder(modelName);
    }

    /** Builds a {@link DeployRequest}. */
    public static final class Builder extends DeploymentSettingsBuilder<Builder> {
        private final String modelName;
        private String deploymentName;
        private Boolean useGpu;
        private String computeType;
        private String region;
        private Map<String, Object> vpcConfig;
        private Map<String, Object> securitySettings;
        private String idempotencyKey;

        private Builder(String modelName) {
            this.modelName = modelName;
        }

        public Builder deploymentName(String value) {
            deploymentName = value;
            return this;
        }

        public Builder useGpu(boolean value) {
            useGpu = value;
            return this;
        }

        public Builder computeType(String value) {
            computeType = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder vpcConfig(Map<String, Object> value) {
            vpcConfig = value;
            return this;
        }

        public Builder securitySettings(Map<String, Object> value) {
            securitySettings = value;
            return this;
        }

        /**
         * A value chosen per create (a UUID works): the same key and body create one deployment, however often
         * sent.
         */
        public Builder idempotencyKey(String value) {
            idempotencyKey = value;
            return this;
        }

        public DeployRequest build() {
            return new DeployRequest(modelName, deploymentName, useGpu, computeType, instanceType, minReplicas,
                    maxReplicas, autoScaling, region, vpcConfig, tags, modelConfig, securitySettings, idempotencyKey);
        }
    }
}
