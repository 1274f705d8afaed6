package com.securemodel.sdk;

import com.securemodel.sdk.internal.Call;
import com.securemodel.sdk.internal.Pages;
import com.securemodel.sdk.internal.Transport;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Endpoints ({@code ep_...}): a stable name and URL in front of one running deployment, repointed without a failed
 * call. {@link #generate} also serves canary endpoints ({@code cep_...}).
 */
public final class Endpoints {

    private final Transport transport;

    Endpoints(Transport transport) {
        this.transport = transport;
    }

    public Endpoint create(String name, String deploymentId) {
        return transport.send(Call.create("/endpoints", Map.of("name", name, "deployment_id", deploymentId), null),
                Endpoint.class);
    }

    /** Every endpoint, newest first, a page at a time. */
    public Stream<Endpoint> list() {
        return Pages.byOffset(offset -> transport.send(Call.get("/endpoints").query("offset", offset)), "endpoints",
                Endpoint.class);
    }

    public Endpoint get(String endpointId) {
        return transport.send(Call.get(path(endpointId)), Endpoint.class);
    }

    /** Points the endpoint at another running deployment. */
    public Endpoint repoint(String endpointId, String deploymentId) {
        return transport.send(Call.patch(path(endpointId), Map.of("deployment_id", deploymentId)), Endpoint.class);
    }

    public void delete(String endpointId) {
        transport.send(Call.delete(path(endpointId)));
    }

    /**
     * Generates through an endpoint or a canary endpoint; {@code request.deploymentId()} is ignored (the answer's
     * {@code deploymentId} says which deployment served).
     */
    public GenerateResult generate(String endpointId, GenerateRequest request) {
        return generate(endpointId, request, null);
    }

    /** As {@link #generate(String, GenerateRequest)}, keeping one {@code stickyKey} (a user) on one deployment. */
    public GenerateResult generate(String endpointId, GenerateRequest request, String stickyKey) {
        return transport.send(Call.action(path(endpointId) + "/generate", request).header("X-Sticky-Key", stickyKey),
                GenerateResult.class);
    }

    private static String path(String endpointId) {
        return "/endpoints/" + Call.segment(endpointId);
    }
}
