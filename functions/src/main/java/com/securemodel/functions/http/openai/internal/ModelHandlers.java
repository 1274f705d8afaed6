package com.securemodel.functions.http.openai.internal;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.endpoint.Endpoint;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.functions.http.openai.internal.OpenAiViews.Model;
import com.securemodel.functions.http.openai.internal.OpenAiViews.ModelList;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /models}, {@code /v1/models}: what the caller can call now, as {@code model} values: the name of each
 * running deployment and each model id with a running deployment (the newest serves it), newest first, then the
 * names of its endpoints and canary endpoints.
 */
public final class ModelHandlers {

    private final GenerationService generation;

    public ModelHandlers(GenerationService generation) {
        this.generation = generation;
    }

    public ApiResponse list(ApiRequest request) {
        Map<String, Model> models = new LinkedHashMap<>();
        for (Deployment deployment : generation.running(request.clientId())) {
            long created = deployment.createdAt().getEpochSecond();
            String owner = deployment.clientId().value();
            models.putIfAbsent(deployment.deploymentName(), new Model(deployment.deploymentName(), "model", created,
                    owner));
            models.putIfAbsent(deployment.modelName(), new Model(deployment.modelName(), "model", created, owner));
        }
        for (Endpoint endpoint : generation.endpoints(request.clientId())) {
            models.putIfAbsent(endpoint.name(), new Model(endpoint.name(), "model",
                    endpoint.createdAt().getEpochSecond(), endpoint.clientId().value()));
        }
        return ApiResponse.ok(new ModelList("list", new ArrayList<>(models.values())));
    }

    /** {@code GET /models/{model}}: the model if the caller can call it now. */
    public ApiResponse get(ApiRequest request) {
        String model = request.pathParameter("model");
        Deployment deployment = generation.resolve(request.clientId(), model);
        return ApiResponse.ok(new Model(model, "model", deployment.createdAt().getEpochSecond(),
                deployment.clientId().value()));
    }
}
