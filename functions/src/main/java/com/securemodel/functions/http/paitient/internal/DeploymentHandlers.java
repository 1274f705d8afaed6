package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.idempotency.IdempotencyKeys;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import java.util.Map;

/** {@code /v1/deployments}: create, get, list, update and delete, each one call of {@link DeploymentService}. */
public final class DeploymentHandlers {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final DeploymentService deployments;
    private final ObjectMapper json;
    private final String publicBaseUrl;
    private final IdempotencyKeys idempotency;

    public DeploymentHandlers(DeploymentService deployments, ObjectMapper json, String publicBaseUrl) {
        this(deployments, json, publicBaseUrl, null);
    }

    /** @param idempotency where {@code Idempotency-Key} claims are kept; null ignores the header */
    public DeploymentHandlers(DeploymentService deployments, ObjectMapper json, String publicBaseUrl,
                              IdempotencyKeys idempotency) {
        this.deployments = deployments;
        this.json = json;
        this.publicBaseUrl = publicBaseUrl;
        this.idempotency = idempotency;
    }

    /**
     * With an {@code Idempotency-Key} header the create runs once per client and key: a retry with the same body
     * answers the same deployment (201, {@code Idempotent-Replayed: true}), another body a 409.
     */
    public ApiResponse create(ApiRequest request) {
        CreateDeploymentBody body = RequestBodies.read(json, request, CreateDeploymentBody.class);
        String key = request.header(IDEMPOTENCY_KEY);
        if (key == null || idempotency == null) {
            return ApiResponse.created(view(deployments.create(request.clientId(), body.toCore())));
        }
        var outcome = deployments.create(request.clientId(), body.toCore(), idempotency,
                IdempotencyKeys.validKey(key), BodyFingerprint.of(request.body()));
        return new ApiResponse(201, view(outcome.value()),
                outcome.replayed() ? Map.of("Idempotent-Replayed", "true") : Map.of());
    }

    /** The GPU-fit planner's answer for a create body: what it would use, or why it cannot fit; nothing is created. */
    public ApiResponse plan(ApiRequest request) {
        CreateDeploymentBody body = RequestBodies.read(json, request, CreateDeploymentBody.class);
        return ApiResponse.ok(PlanView.of(deployments.plan(request.clientId(), body.toCore())));
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
