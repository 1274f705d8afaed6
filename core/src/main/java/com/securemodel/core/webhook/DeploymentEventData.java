package com.securemodel.core.webhook;

import com.securemodel.core.deployment.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code data} of a {@code deployment.*} event: the deployment's summary, then what the event adds. */
final class DeploymentEventData {

    private DeploymentEventData() {
    }

    static Map<String, Object> of(Deployment deployment, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deployment_id", deployment.id());
        data.put("deployment_name", deployment.deploymentName());
        data.put("model_name", deployment.modelName());
        data.put("status", deployment.status().wire());
        data.put("instance_type", deployment.instanceType());
        data.put("min_replicas", deployment.minReplicas());
        data.put("max_replicas", deployment.maxReplicas());
        data.put("auto_scaling", deployment.autoScaling());
        data.put("region", deployment.region());
        if (extra != null) {
            extra.forEach((key, value) -> {
                if (value != null) {
                    data.put(key, value);
                }
            });
        }
        return data;
    }
}
