package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;

/** {@code /v1/deployments}: create, get, list, update and delete, each one call of {@link DeploymentService}. */
public final class DeploymentHandlers {

    private final DeploymentService deployments;
    private final ObjectMapper json;
    private final String publicBaseUrl;

    public DeploymentHandlers(DeploymentService deployments, ObjectMapper json, String publicBaseUrl) {
        this.deployments = deployments;
        this.json = json;
        this.publicBaseUrl = publicBaseUrl;
    }

    public ApiResponse create(ApiRequest request) {
        CreateDeploymentBody body = RequestBodies.read(json, request, CreateDeploymentBody.class);
        return ApiResponse.created(view(deployments.create(request.clientId(), body.toCore())));
    }

    public ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(view(deployments.get(request.clientId(), request.pathParameter("deployment_id"))));
    }

    public ApiResponse list(ApiRequest request) {
        var page = deployments.list(request.clientId(), QueryValues.deploymentQuery(request.query()));
        return ApiResponse.ok(DeploymentPageView.of(page, publicBaseUrl));
    }

    public ApiResponse update(ApiRequest request) {
        UpdateDeploymentBody body = RequestBodies.read(json, request, UpdateDeploymentBody.class);
        return ApiResponse.ok(view(deployments.update(request.clientId(), request.pathParameter("deployment_id"),
                body.toCore())));
    }

    public ApiResponse delete(ApiRequest request) {
        boolean force = QueryValues.force(request.query());
        return ApiResponse.ok(DeletionView.of(
                deployments.delete(request.clientId(), request.pathParameter("deployment_id"), force)));
    }

    private DeploymentView view(Deployment deployment) {
        return DeploymentView.of(deployment, publicBaseUrl);
    }
}
