package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.deployment.Page;
import com.securemodel.core.endpoint.Endpoint;
import java.time.Instant;
import java.util.List;

/**
 * Endpoints and canary endpoints as the deployments reference writes them; {@code url} is where they generate
 * ({@code /v1/endpoints/{id}/generate} for both kinds), {@code status} is {@code active} while they exist.
 */
public final class EndpointViews {

    private static final String ACTIVE = "active";

    private EndpointViews() {
    }

    /** A plain endpoint. */
    public record EndpointView(String id, String name, String deploymentId, String url, String createdAt,
                               String updatedAt, String status) {
    }

    /** A canary endpoint. */
    public record CanaryView(String id, String name, List<TargetView> deployments, String url, String createdAt,
                             String updatedAt, String status) {
    }

    /** One deployment of a canary. */
    public record TargetView(String id, int trafficPercentage) {
    }

    /** {@code GET /v1/endpoints}. */
    public record EndpointPage(List<EndpointView> endpoints, DeploymentPageView.Pagination pagination) {
    }

    /** {@code GET /v1/canary-endpoints}. */
    public record CanaryPage(List<CanaryView> canaryEndpoints, DeploymentPageView.Pagination pagination) {
    }

    /** The answer of a delete. */
    public record Deleted(String id, String name, String status) {
    }

    static EndpointView endpoint(Endpoint e, String publicBaseUrl) {
        return new EndpointView(e.id(), e.name(), e.deploymentId(), url(e, publicBaseUrl), timestamp(e.createdAt()),
                timestamp(e.updatedAt()), ACTIVE);
    }

    static CanaryView canary(Endpoint e, String publicBaseUrl) {
        return new CanaryView(e.id(), e.name(), e.targets().stream()
                .map(t -> new TargetView(t.deploymentId(), t.trafficPercentage())).toList(), url(e, publicBaseUrl),
                timestamp(e.createdAt()), timestamp(e.updatedAt()), ACTIVE);
    }

    static EndpointPage endpoints(Page<Endpoint> page, String publicBaseUrl) {
        return new EndpointPage(page.items().stream().map(e -> endpoint(e, publicBaseUrl)).toList(),
                pagination(page));
    }

    static CanaryPage canaries(Page<Endpoint> page, String publicBaseUrl) {
        return new CanaryPage(page.items().stream().map(e -> canary(e, publicBaseUrl)).toList(), pagination(page));
    }

    static Deleted deleted(Endpoint e) {
        return new Deleted(e.id(), e.name(), "deleted");
    }

    private static DeploymentPageView.Pagination pagination(Page<Endpoint> page) {
        return new DeploymentPageView.Pagination(page.total(), page.limit(), page.offset(), page.nextOffset());
    }

    private static String url(Endpoint e, String publicBaseUrl) {
        return publicBaseUrl + "/v1/endpoints/" + e.id() + "/generate";
    }

    private static String timestamp(Instant instant) {
        return DeploymentView.timestamp(instant);
    }
}
