package com.securemodel.sdk;

import com.securemodel.sdk.internal.Call;
import com.securemodel.sdk.internal.Pages;
import com.securemodel.sdk.internal.Transport;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Canary endpoints ({@code cep_...}): traffic split between 2 to 10 running deployments by percentages summing to
 * 100. Generate through one with {@link Endpoints#generate}.
 */
public final class CanaryEndpoints {

    private final Transport transport;

    CanaryEndpoints(Transport transport) {
        this.transport = transport;
    }

    public CanaryEndpoint create(String name, List<CanaryTarget> deployments) {
        return transport.send(Call.create("/canary-endpoints", Map.of("name", name, "deployments", deployments), null),
                CanaryEndpoint.class);
    }

    /** Every canary endpoint, newest first, a page at a time. */
    public Stream<CanaryEndpoint> list() {
        return Pages.byOffset(offset -> transport.send(Call.get("/canary-endpoints").query("offset", offset)),
                "canary_endpoints", CanaryEndpoint.class);
    }

    public CanaryEndpoint get(String canaryEndpointId) {
        return transport.send(Call.get(path(canaryEndpointId)), CanaryEndpoint.class);
    }

    /** Replaces the split (the whole list). */
    public CanaryEndpoint updateSplit(String canaryEndpointId, List<CanaryTarget> deployments) {
        return transport.send(Call.patch(path(canaryEndpointId), Map.of("deployments", deployments)),
                CanaryEndpoint.class);
    }

    public void delete(String canaryEndpointId) {
        transport.send(Call.delete(path(canaryEndpointId)));
    }

    /** The deployments' metrics side by side. */
    public CanaryMetrics getMetrics(String canaryEndpointId, MetricsQuery query) {
        return transport.send(SecureModelClient.metricsCall(path(canaryEndpointId) + "/metrics", query),
                CanaryMetrics.class);
    }

    private static String path(String canaryEndpointId) {
        return "/canary-endpoints/" + Call.segment(canaryEndpointId);
    }
}
