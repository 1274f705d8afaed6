package com.securemodel.functions.http.paitient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.ServiceSettings;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.endpoint.EndpointService;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.idempotency.IdempotencyKeys;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.webhook.WebhookService;
import com.securemodel.functions.http.paitient.internal.CanaryEndpointHandlers;
import com.securemodel.functions.http.paitient.internal.DeploymentHandlers;
import com.securemodel.functions.http.paitient.internal.EndpointHandlers;
import com.securemodel.functions.http.paitient.internal.GenerationHandlers;
import com.securemodel.functions.http.paitient.internal.ModelHandlers;
import com.securemodel.functions.http.paitient.internal.ObservabilityHandlers;
import com.securemodel.functions.http.paitient.internal.WebhookHandlers;
import com.securemodel.functions.http.routing.DialectRoutes;
import com.securemodel.core.tenant.Scope;
import com.securemodel.functions.http.routing.Route;
import com.securemodel.functions.http.routing.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PaiTIENT v1 REST routes, as the references {@code paitient-rest-api.txt} and
 * {@code paitient-deployments-api.txt} define them.
 */
public final class PaitientRoutes extends DialectRoutes {

    /** Paths under these prefixes answer 404 and 405 in PaiTIENT's error shape. */
    private static final List<String> PREFIXES = List.of("/v1/deployments", "/v1/endpoints", "/v1/canary-endpoints",
            "/v1/subscription", "/v1/webhooks", "/v1/audit");
    /** Where every route and every path this table owns lies: the router makes it for these paths only. */
    public static final List<String> PATHS = concat(PREFIXES, "/v1/models");

    /**
     * @return a table of no routes with PaiTIENT's JSON and error shape: what answers requests no dialect owns, made
     *         without this table's handlers and the services behind them
     */
    public static RouteTable errorShape() {
        return new DialectRoutes("paitient", PaitientJson.create(), new PaitientErrorFormat(), List.of()) {
        };
    }

    public PaitientRoutes(DeploymentService deployments, GenerationService generation, ModelRegistry models,
                          ServiceSettings settings) {
        this(deployments, generation, models, settings, null);
    }

    /** @param observe the metrics, logs and audit routes; null leaves them out */
    public PaitientRoutes(DeploymentService deployments, GenerationService generation, ModelRegistry models,
                          ServiceSettings settings, ObservabilityHandlers observe) {
        this(deployments, generation, models, settings, observe, null);
    }

    /**
     * @param observe the metrics, logs and audit routes (and a canary's metrics); null leaves them out
     * @param endpoints the endpoint and canary endpoint routes; null leaves them out
     */
    public PaitientRoutes(DeploymentService deployments, GenerationService generation, ModelRegistry models,
                          ServiceSettings settings, ObservabilityHandlers observe, EndpointService endpoints) {
        this(deployments, generation, models, settings, observe, endpoints, null);
    }

    /** @param idempotency claims of {@code Idempotency-Key} on {@code POST /v1/deployments}; null ignores the header */
    public PaitientRoutes(DeploymentService deployments, GenerationService generation, ModelRegistry models,
                          ServiceSettings settings, ObservabilityHandlers observe, EndpointService endpoints,
                          IdempotencyKeys idempotency) {
        this(deployments, generation, models, settings, observe, endpoints, idempotency, null);
    }

    /** @param webhooks the {@code /v1/webhooks} routes; null leaves them out */
    public PaitientRoutes(DeploymentService deployments, GenerationService generation, ModelRegistry models,
                          ServiceSettings settings, ObservabilityHandlers observe, EndpointService endpoints,
                          IdempotencyKeys idempotency, WebhookService webhooks) {
        super("paitient", PaitientJson.create(), new PaitientErrorFormat(), PREFIXES);
        ObjectMapper json = json();
        var model = new ModelHandlers(models);
        var deployment = new DeploymentHandlers(deployments, json, settings.publicBaseUrl(), idempotency);
        var generate = new GenerationHandlers(generation, json);
        List<Route> table = new ArrayList<>(List.of(
                Route.get("/v1/models", model::list).claiming(PaitientRoutes::withClientId),
                Route.post("/v1/deployments", deployment::create),
                Route.post("/v1/deployments/plan", deployment::plan).scoped(Scope.READ),
                Route.get("/v1/deployments", deployment::list),
                Route.get("/v1/deployments/{deployment_id}", deployment::get),
                Route.patch("/v1/deployments/{deployment_id}", deployment::update),
                Route.delete("/v1/deployments/{deployment_id}", deployment::delete),
                Route.post("/v1/deployments/{deployment_id}/generate", generate::generate)));
        if (observe != null) {
            table.addAll(List.of(
                    Route.get("/v1/deployments/{deployment_id}/metrics", observe::metrics),
                    Route.get("/v1/deployments/{deployment_id}/logs", observe::logs),
                    Route.get("/v1/audit", observe::audit)));
        }
        if (endpoints != null) {
            var endpoint = new EndpointHandlers(endpoints, generation, json, settings.publicBaseUrl());
            var canary = new CanaryEndpointHandlers(endpoints, observe, json, settings.publicBaseUrl());
            table.addAll(List.of(
                    Route.post("/v1/endpoints", endpoint::create),
                    Route.get("/v1/endpoints", endpoint::list),
                    Route.get("/v1/endpoints/{endpoint_id}", endpoint::get),
                    Route.patch("/v1/endpoints/{endpoint_id}", endpoint::update),
                    Route.delete("/v1/endpoints/{endpoint_id}", endpoint::delete),
                    Route.post("/v1/endpoints/{endpoint_id}/generate", endpoint::generate),
                    Route.post("/v1/canary-endpoints", canary::create),
                    Route.get("/v1/canary-endpoints", canary::list),
                    Route.get("/v1/canary-endpoints/{endpoint_id}", canary::get),
                    Route.patch("/v1/canary-endpoints/{endpoint_id}", canary::update),
                    Route.delete("/v1/canary-endpoints/{endpoint_id}", canary::delete)));
            if (observe != null) {
                table.add(Route.get("/v1/canary-endpoints/{endpoint_id}/metrics", canary::metrics));
            }
        }
        if (webhooks != null) {
            var webhook = new WebhookHandlers(webhooks, json);
            table.addAll(List.of(
                    Route.post("/v1/webhooks", webhook::create),
                    Route.get("/v1/webhooks", webhook::list),
                    Route.get("/v1/webhooks/{webhook_id}", webhook::get),
                    Route.delete("/v1/webhooks/{webhook_id}", webhook::delete),
                    Route.post("/v1/webhooks/{webhook_id}/test", webhook::test),
                    Route.get("/v1/webhooks/{webhook_id}/deliveries", webhook::deliveries),
                    Route.post("/v1/webhooks/{webhook_id}/deliveries/{event_id}/redeliver", webhook::redeliver)));
        }
        define(table);
    }

    /** PaiTIENT clients always send {@code X-Client-ID}; OpenAI clients never do (they share {@code /v1/models}). */
    public static boolean withClientId(Map<String, String> headers) {
        return headers.containsKey("x-client-id");
    }
}
