package com.securemodel.core.deployment;

import java.util.Map;

/**
 * What a client asks for in {@code PATCH /v1/deployments/{id}}; null means "leave as it is". {@code tags} and
 * {@code modelConfig} are merged into what the deployment has (a given key or field replaces the stored one).
 */
public record UpdateDeploymentRequest(
        Integer minReplicas,
        Integer maxReplicas,
        Boolean autoScaling,
        String instanceType,
        Map<String, String> tags,
        ModelConfig modelConfig) {
}
