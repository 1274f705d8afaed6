package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;

/** {@code POST /v1/deployments/{deployment_id}/generate}. */
public final class GenerationHandlers {

    private final GenerationService generation;
    private final ObjectMapper json;

    public GenerationHandlers(GenerationService generation, ObjectMapper json) {
        this.generation = generation;
        this.json = json;
    }

    public ApiResponse generate(ApiRequest request) {
        GenerateBody body = RequestBodies.read(json, request, GenerateBody.class);
        return ApiResponse.ok(GenerationView.of(
                generation.generate(request.clientId(), request.pathParameter("deployment_id"), body.toCore())));
    }
}
