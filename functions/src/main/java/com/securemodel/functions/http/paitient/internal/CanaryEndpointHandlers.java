package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.endpoint.Endpoint;
import com.securemodel.core.endpoint.Endpoint.Kind;
import com.securemodel.core.endpoint.EndpointService;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/canary-endpoints}: create, list, get, shift the split ({@code PATCH}), delete, and the metrics of its
 * deployments side by side (each the body of {@code GET /v1/deployments/{id}/metrics}). Generation goes through
 * {@code /v1/endpoints/{id}/generate}, the {@code url} a canary answers with.
 */
public final class CanaryEndpointHandlers {

    private final EndpointService endpoints;
    private final ObservabilityHandlers observe;
    private final ObjectMapper json;
    private final String publicBaseUrl;

    /** @param observe the deployments' metrics; null leaves the metrics route out */
    public CanaryEndpointHandlers(EndpointService endpoints, ObservabilityHandlers observe, ObjectMapper json,
                                  String publicBaseUrl) {
        this.endpoints = endpoints;
        this.observe = observe;
        this.json = json;
        this.publicBaseUrl = publicBaseUrl;
    }

    public ApiResponse create(ApiRequest request) {
        var body = RequestBodies.read(json, request, EndpointBodies.CreateCanary.class);
        return ApiResponse.created(EndpointViews.canary(endpoints.create(request.clientId(), Kind.CANARY, body.name(),
                body.targets()), publicBaseUrl));
    }

    public ApiResponse list(ApiRequest request) {
        QueryValues.PageQuery page = QueryValues.page(request.query());
        return ApiResponse.ok(EndpointViews.canaries(endpoints.list(request.clientId(), Kind.CANARY, page.limit(),
                page.offset()), publicBaseUrl));
    }

    public ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(EndpointViews.canary(canary(request), publicBaseUrl));
    }

    public ApiResponse update(ApiRequest request) {
        var body = RequestBodies.read(json, request, EndpointBodies.UpdateCanary.class);
        return ApiResponse.ok(EndpointViews.canary(endpoints.retarget(request.clientId(), Kind.CANARY, id(request),
                body.targets()), publicBaseUrl));
    }

    public ApiResponse delete(ApiRequest request) {
        return ApiResponse.ok(EndpointViews.deleted(endpoints.delete(request.clientId(), Kind.CANARY, id(request))));
    }

    /** Each deployment's metrics and summary, in the canary's order, with its traffic percentage. */
    public ApiResponse metrics(ApiRequest request) {
        Endpoint canary = canary(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", canary.id());
        body.put("name", canary.name());
        List<Map<String, Object>> deployments = new ArrayList<>();
        for (Endpoint.Target target : canary.targets()) {
            Map<String, Object> report = observe.metricsOf(request, target.deploymentId());
            body.putIfAbsent("start_time", report.get("start_time"));
            body.putIfAbsent("end_time", report.get("end_time"));
            body.putIfAbsent("interval", report.get("interval"));
            Map<String, Object> side = new LinkedHashMap<>();
            side.put("id", target.deploymentId());
            side.put("traffic_percentage", target.trafficPercentage());
            side.put("metrics", report.get("metrics"));
            side.put("summary", report.get("summary"));
            deployments.add(side);
        }
        body.put("deployments", deployments);
        return ApiResponse.ok(body);
    }

    private Endpoint canary(ApiRequest request) {
        return endpoints.get(request.clientId(), Kind.CANARY, id(request));
    }

    private static String id(ApiRequest request) {
        return request.pathParameter("endpoint_id");
    }
}
