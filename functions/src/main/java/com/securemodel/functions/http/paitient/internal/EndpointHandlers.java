package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.endpoint.Endpoint.Kind;
import com.securemodel.core.endpoint.EndpointService;
import com.securemodel.core.generation.GenerateResult;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import java.util.Map;

/**
 * {@code /v1/endpoints}: create, list, get, repoint ({@code PATCH}) and delete, each one call of
 * {@link EndpointService}; and {@code POST /v1/endpoints/{endpoint_id}/generate}, which serves plain and canary
 * endpoints alike and names the deployment that served in {@value #SERVED_BY}.
 */
public final class EndpointHandlers {

    /** The response header that names the deployment that served a generation. */
    public static final String SERVED_BY = "X-Deployment-ID";
    /** The request header that keeps one user on one deployment of a canary. */
    public static final String STICKY_KEY = "X-Sticky-Key";

    private final EndpointResource<EndpointViews.EndpointView, EndpointViews.EndpointPage> plain;
    private final GenerationService generation;
    private final ObjectMapper json;

    public EndpointHandlers(EndpointService endpoints, GenerationService generation, ObjectMapper json,
                            String publicBaseUrl) {
        this.plain = new EndpointResource<>(endpoints, Kind.ENDPOINT, EndpointViews::endpoint,
                EndpointViews::endpoints, publicBaseUrl);
        this.generation = generation;
        this.json = json;
    }

    public ApiResponse create(ApiRequest request) {
        var body = RequestBodies.read(json, request, EndpointBodies.CreateEndpoint.class);
        return plain.create(request, body.name(), body.targets());
    }

    public ApiResponse list(ApiRequest request) {
        return plain.list(request);
    }

    public ApiResponse get(ApiRequest request) {
        return plain.get(request);
    }

    public ApiResponse update(ApiRequest request) {
        var body = RequestBodies.read(json, request, EndpointBodies.UpdateEndpoint.class);
        return plain.retarget(request, body.targets());
    }

    public ApiResponse delete(ApiRequest request) {
        return plain.delete(request);
    }

    /** The same body and answer as a deployment's generate, from the deployment the endpoint (or canary) picks. */
    public ApiResponse generate(ApiRequest request) {
        GenerateBody body = RequestBodies.read(json, request, GenerateBody.class);
        GenerateResult result = generation.generateOnEndpoint(request.clientId(), EndpointResource.id(request),
                body.toCore(), request.header(STICKY_KEY));
        return new ApiResponse(200, GenerationView.of(result), Map.of(SERVED_BY, result.deploymentId()));
    }
}
