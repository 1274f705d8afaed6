package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.webhook.WebhookService;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import java.util.Map;

/** {@code /v1/webhooks}: each route one call of {@link WebhookService}. */
public final class WebhookHandlers {

    private final WebhookService webhooks;
    private final ObjectMapper json;

    public WebhookHandlers(WebhookService webhooks, ObjectMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    public ApiResponse create(ApiRequest request) {
        CreateWebhookBody body = RequestBodies.read(json, request, CreateWebhookBody.class);
        WebhookService.Created created = webhooks.create(request.clientId(), body.url(), body.events());
        return ApiResponse.created(WebhookViews.of(created.webhook(), created.secret()));
    }

    public ApiResponse list(ApiRequest request) {
        var all = webhooks.list(request.clientId()).stream().map(w -> WebhookViews.of(w, null)).toList();
        return ApiResponse.ok(new WebhookViews.WebhookList(all, all.size()));
    }

    public ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(WebhookViews.of(webhooks.get(request.clientId(), id(request)), null));
    }

    public ApiResponse delete(ApiRequest request) {
        String id = webhooks.delete(request.clientId(), id(request)).id();
        return ApiResponse.ok(new WebhookViews.Deleted(id, id, true));
    }

    public ApiResponse test(ApiRequest request) {
        return accepted(WebhookViews.of(webhooks.test(request.clientId(), id(request))));
    }

    public ApiResponse deliveries(ApiRequest request) {
        return ApiResponse.ok(new WebhookViews.DeliveryList(webhooks.deliveries(request.clientId(), id(request))
                .stream().map(WebhookViews::of).toList()));
    }

    public ApiResponse redeliver(ApiRequest request) {
        return accepted(WebhookViews.of(webhooks.redeliver(request.clientId(), id(request),
                request.pathParameter("event_id"))));
    }

    private static String id(ApiRequest request) {
        return request.pathParameter("webhook_id");
    }

    private static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body, Map.of());
    }
}
