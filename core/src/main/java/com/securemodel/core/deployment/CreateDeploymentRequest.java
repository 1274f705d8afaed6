package com.securemodel.core.deployment;

import java.util.Map;

/**
 * What a client asks for in {@code POST /v1/deployments} (or Bytez {@code /model/load}), before validation.
 * Null means "not given"; {@code DeploymentService} applies defaults and validates.
 */
public record CreateDeploymentRequest(
        String modelName,
        String deploymentName,
        String computeType,
        String instanceType,
        Integer minReplicas,
        Integer maxReplicas,
        Boolean autoScaling,
        String region,
        VpcConfig vpcConfig,
        Map<String, String> tags,
        ModelConfig modelConfig,
        SecuritySettings securitySettings) {
}
