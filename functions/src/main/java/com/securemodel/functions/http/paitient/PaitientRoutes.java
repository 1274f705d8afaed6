package com.securemodel.functions.http.paitient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.ServiceSettings;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.functions.http.error.ErrorFormat;
import com.securemodel.functions.http.paitient.internal.DeploymentHandlers;
import com.securemodel.functions.http.paitient.internal.GenerationHandlers;
import com.securemodel.functions.http.paitient.internal.ModelHandlers;
import com.securemodel.functions.http.routing.Route;
import com.securemodel.functions.http.routing.RouteTable;
import java.util.List;

/**
 * The PaiTIENT v1 REST routes, as the references {@code paitient-rest-api.txt} and
 * {@code paitient-deployments-api.txt} define them.
 */
public final class PaitientRoutes implements RouteTable {

    private final ObjectMapper json = PaitientJson.create();
    private final ErrorFormat errors = new PaitientErrorFormat();
    private final List<Route> routes;

    public PaitientRoutes(DeploymentService deployments, GenerationService generation, ModelRegistry models,
                          ServiceSettings settings) {
        var model = new ModelHandlers(models);
        var deployment = new DeploymentHandlers(deployments, json, settings.publicBaseUrl());
        var generate = new GenerationHandlers(generation, json);
        this.routes = List.of(
                Route.get("/v1/models", model::list),
                Route.post("/v1/deployments", deployment::create),
                Route.get("/v1/deployments", deployment::list),
                Route.get("/v1/deployments/{deployment_id}", deployment::get),
                Route.delete("/v1/deployments/{deployment_id}", deployment::delete),
                Route.post("/v1/deployments/{deployment_id}/generate", generate::generate));
    }

    @Override
    public String dialect() {
        return "paitient";
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public ObjectMapper json() {
        return json;
    }

    @Override
    public ErrorFormat errorFormat() {
        return errors;
    }
}
