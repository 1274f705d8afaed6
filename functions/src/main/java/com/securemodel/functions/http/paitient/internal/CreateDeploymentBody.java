package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.deployment.CreateDeploymentRequest;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.deployment.SecuritySettings;
import com.securemodel.core.deployment.VpcConfig;
import com.securemodel.core.error.ServiceException;
import java.util.Map;

/**
 * The body of {@code POST /v1/deployments}: every field of the deployments reference, plus {@code model_id} (the
 * REST reference's name for {@code model_name}) and {@code use_gpu} (what the reference Python SDK sends; it
 * stands for {@code compute_type} {@code gpu} or {@code cpu} when that is absent).
 */
public record CreateDeploymentBody(String modelName, String modelId, String deploymentName, String computeType,
                                   Boolean useGpu, String instanceType, Integer minReplicas, Integer maxReplicas,
                                   Boolean autoScaling, String region, VpcConfig vpcConfig, Map<String, String> tags,
                                   ModelConfig modelConfig, SecuritySettings securitySettings) {

    /** @throws ServiceException validation_error when {@code model_name} and {@code model_id} disagree */
    public CreateDeploymentRequest toCore() {
        if (modelName != null && modelId != null && !modelName.equals(modelId)) {
            throw ServiceException.validation("model_name and model_id name different models; give one of them");
        }
        String computeType = this.computeType != null || useGpu == null ? this.computeType : useGpu ? "gpu" : "cpu";
        return new CreateDeploymentRequest(modelName != null ? modelName : modelId, deploymentName, computeType,
                instanceType, minReplicas, maxReplicas, autoScaling, region, vpcConfig, tags, modelConfig,
                securitySettings);
    }
}
