package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.deployment.Deployment;

/** The body of {@code DELETE /v1/deployments/{deployment_id}}. */
public record DeletionView(String id, String deploymentId, String status) {

    public static DeletionView of(Deployment deployment) {
        return new DeletionView(deployment.id(), deployment.id(), deployment.status().wire());
    }
}
