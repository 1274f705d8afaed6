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

    private final EndpointResource<EndpointViews.CanaryView, EndpointViews.CanaryPage> canaries;
    private final ObservabilityHandlers observe;
    private final ObjectMapper json;

    /** @param observe the deployments' metrics; null leaves the metrics route out */
    public CanaryEndpointHandlers(EndpointService endpoints, ObservabilityHandlers observe, ObjectMapper json,
                                  String publicBaseUrl) {
        this.canaries = new EndpointResource<>(endpoints, Kind.CANARY, EndpointViews::canary, EndpointViews::canaries,
                publicBaseUrl);
        this.observe = observe;
        this.json = json;
    }

    public ApiResponse create(ApiRequest request) {
        var body = RequestBodies.read(json, request, EndpointBodies.CreateCanary.class);
        return canaries.create(request, body.name(), body.targets());
    }

    public ApiResponse list(ApiRequest request) {
        return canaries.list(request);
    }

    public ApiResponse get(ApiRequest request) {
        return canaries.get(request);
    }

    public ApiResponse update(ApiRequest request) {
        var body = RequestBodies.read(json, request, EndpointBodies.UpdateCanary.class);
        return canaries.retarget(request, body.targets());
    }

    public ApiResponse delete(ApiRequest request) {
        return canaries.delete(request);
    }

    /** Each deployment's metrics and summary, in the canary's order, with its traffic percentage. */
    public ApiResponse metrics(ApiRequest request) {
        Endpoint canary = canaries.find(request);
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
}
