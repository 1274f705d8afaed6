package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.deployment.UpdateDeploymentRequest;
import java.util.Map;

/**
 * The body of {@code PATCH /v1/deployments/{deployment_id}}: the fields the deployments reference lets a client
 * change; {@code tags} and {@code model_config} merge into what the deployment has. Other fields are unknown here
 * and refused like any unknown field.
 */
public record UpdateDeploymentBody(Integer minReplicas, Integer maxReplicas, Boolean autoScaling, String instanceType,
                                   Map<String, String> tags, ModelConfig modelConfig) {

    public UpdateDeploymentRequest toCore() {
        return new UpdateDeploymentRequest(minReplicas, maxReplicas, autoScaling, instanceType, tags, modelConfig);
    }
}
