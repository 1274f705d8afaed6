package com.securemodel.sdk;

import java.util.Map;

/** A deployment as the API answers it; numbers and flags are null where the answer leaves them out. */
public record Deployment(
        String id,
        String deploymentId,
        String modelName,
        String modelId,
        String deploymentName,
        String status,
        String statusReason,
        String endpoint,
        String computeType,
        String instanceType,
        Integer minReplicas,
        Integer maxReplicas,
        Integer currentReplicas,
        Boolean autoScaling,
        String region,
        Map<String, Object> vpcConfig,
        Map<String, String> tags,
        Map<String, Object> modelConfig,
        Map<String, Object> securitySettings,
        Map<String, Object> hosting,
        String createdAt,
        String updatedAt) {

    /** Whether it serves generations now. */
    public boolean isRunning() {
        return "running".equals(status);
    }
}
