package com.securemodel.core.deployment;

import com.securemodel.core.model.ModelInfo;
import java.util.Map;

/** A create request after validation, with every default applied. */
record ValidDeployment(ModelInfo model, String deploymentName, String computeType, String instanceType,
                       int minReplicas, int maxReplicas, boolean autoScaling, String region, VpcConfig vpcConfig,
                       Map<String, String> tags, ModelConfig modelConfig, SecuritySettings securitySettings) {
}
