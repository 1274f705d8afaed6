package com.securemodel.sdk;

import java.util.Map;

/**
 * The settings that both a new deployment ({@link DeployRequest}) and a change to one
 * ({@link UpdateDeploymentRequest}) send, each under the same JSON field; both builders set them here. What is not
 * set stays null and is not sent.
 *
 * @param <B> the builder each setter returns
 */
abstract class DeploymentSettingsBuilder<B extends DeploymentSettingsBuilder<B>> {
    Integer minReplicas;
    Integer maxReplicas;
    Boolean autoScaling;
    String instanceType;
    Map<String, String> tags;
    Map<String, Object> modelConfig;

    DeploymentSettingsBuilder() {
    }

    public B minReplicas(int value) {
        minReplicas = value;
        return self();
    }

    public B maxReplicas(int value) {
        maxReplicas = value;
        return self();
    }

    public B autoScaling(boolean value) {
        autoScaling = value;
        return self();
    }

    public B instanceType(String value) {
        instanceType = value;
        return self();
    }

    public B tags(Map<String, String> value) {
        tags = value;
        return self();
    }

    public B modelConfig(Map<String, Object> value) {
        modelConfig = value;
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
