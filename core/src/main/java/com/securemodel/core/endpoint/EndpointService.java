package com.securemodel.core.endpoint;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.deployment.Deployments;
import com.securemodel.core.deployment.Page;
import com.securemodel.core.endpoint.Endpoint.Kind;
import com.securemodel.core.endpoint.Endpoint.Target;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates, reads, lists, repoints and deletes endpoints and canary endpoints. Every target must be a running
 * deployment of the calling client; a canary's percentages are integers summing to 100. Every method is scoped to
 * one client: another client's endpoint is {@code resource_not_found}.
 */
public final class EndpointService {

    /** The most deployments one canary endpoint splits between. */
    public static final int MAX_CANARY_DEPLOYMENTS = 10;

    private final EndpointStore store;
    private final DeploymentStore deployments;
    private final EndpointRouting routing;
    private final Clock clock;
    private final IdGenerator ids;

    public EndpointService(EndpointStore store, DeploymentStore deployments, EndpointRouting routing, Clock clock,
                           IdGenerator ids) {
        this.store = store;
        this.deployments = deployments;
        this.routing = routing;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws ServiceException validation_error (name, targets, percentages; 409 when the name is taken),
     *         resource_not_found (a deployment the client does not have), deployment_error (one not running)
     */
    public Endpoint create(ClientId clientId, Kind kind, String name, List<Target> targets) {
        String validName = name(name);
        List<Target> valid = targets(clientId, kind, targets);
        Instant now = clock.instant();
        Endpoint created = store.create(new Endpoint(clientId, ids.next(kind.idPrefix()), validName, kind, valid,
                now, now, 1));
        routing.forget(clientId);
        return created;
    }

    /** @throws ServiceException resource_not_found for an unknown or foreign id, or one of the other kind */
    public Endpoint get(ClientId clientId, Kind kind, String id) {
        if (id == null || Kind.ofId(id) != kind) {
            throw notFound(kind, id);
        }
        return store.find(clientId, id).filter(e -> e.kind() == kind).orElseThrow(() -> notFound(kind, id));
    }

    /** @return the client's endpoints of this kind, newest first, from {@code offset} */
    public Page<Endpoint> list(ClientId clientId, Kind kind, int limit, int offset) {
        List<Endpoint> all = store.list(clientId).stream().filter(e -> e.kind() == kind)
                .sorted(Comparator.comparing(Endpoint::createdAt).thenComparing(Endpoint::id).reversed()).toList();
        int from = Math.min(Math.max(0, offset), all.size());
        int to = (int) Math.min((long) from + Math.max(1, limit), all.size());
        return new Page<>(all.subList(from, to), all.size(), Math.max(1, limit), Math.max(0, offset),
                to < all.size() ? to : null);
    }

    /**
     * Points the endpoint at other running deployments (a plain endpoint at one, a canary at a new split). Calls in
     * flight finish on the deployment they started on; calls after this one returns go to the new targets (in this
     * process at once, in others within the routing memory's few seconds). A lost race is applied again.
     */
    public Endpoint retarget(ClientId clientId, Kind kind, String id, List<Target> targets) {
        List<Target> valid = targets(clientId, kind, targets);
        for (int attempt = 1; ; attempt++) {
            Endpoint current = get(clientId, kind, id);
            try {
                Endpoint updated = store.update(current.withTargets(valid, clock.instant()));
                routing.forget(clientId);
                return updated;
            } catch (ConcurrentUpdateException raced) {
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    /** @return the names of the client's endpoints and canaries that send traffic to the deployment */
    public List<String> namesServedBy(ClientId clientId, String deploymentId) {
        return store.list(clientId).stream()
                .filter(e -> e.targets().stream().anyMatch(t -> t.deploymentId().equals(deploymentId)
                        && t.trafficPercentage() > 0))
                .map(Endpoint::name).sorted().toList();
    }

    /** @return the endpoint as it was; its name is free again */
    public Endpoint delete(ClientId clientId, Kind kind, String id) {
        Endpoint current = get(clientId, kind, id);
        store.delete(current);
        routing.forget(clientId);
        return current;
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw ServiceException.validation("name is required: 1-64 letters, digits, '.', '_' or '-'");
        }
        if (!EndpointRouting.NAME.matcher(name).matches()) {
            throw ServiceException.validation("name must be 1-64 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit");
        }
        if (name.startsWith("dep_") || name.startsWith("ep_") || name.startsWith("cep_")) {
            throw ServiceException.validation("name must not start with dep_, ep_ or cep_ (those are ids): choose "
                    + "a name such as clinical-assistant-production");
        }
        return name;
    }

    private List<Target> targets(ClientId clientId, Kind kind, List<Target> targets) {
        if (kind == Kind.ENDPOINT) {
            if (targets == null || targets.size() != 1 || targets.getFirst().deploymentId() == null) {
                throw ServiceException.validation("deployment_id is required: the id of a running deployment of this"
                        + " client (GET /v1/deployments?status=running lists them)");
            }
            running(clientId, "deployment_id", targets.getFirst().deploymentId());
            return List.of(new Target(targets.getFirst().deploymentId(), 100));
        }
        if (targets == null || targets.size() < 2 || targets.size() > MAX_CANARY_DEPLOYMENTS) {
            throw ServiceException.validation("deployments must list 2 to " + MAX_CANARY_DEPLOYMENTS + " deployments,"
                    + " each {\"id\": \"dep_...\", \"traffic_percentage\": 0-100}, the percentages summing to 100");
        }
        Set<String> seen = new HashSet<>();
        int sum = 0;
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            String field = "deployments[" + i + "]";
            if (target == null || target.deploymentId() == null) {
                throw ServiceException.validation(field + ".id is required: the id of a running deployment");
            }
            if (target.trafficPercentage() < 0 || target.trafficPercentage() > 100) {
                throw ServiceException.validation(field + ".traffic_percentage must be an integer from 0 to 100");
            }
            if (!seen.add(target.deploymentId())) {
                throw ServiceException.validation(field + ".id names " + target.deploymentId() + " a second time: "
                        + "list each deployment once");
            }
            sum += target.trafficPercentage();
        }
        if (sum != 100) {
            throw ServiceException.validation("deployments[].traffic_percentage must sum to 100, not " + sum);
        }
        for (int i = 0; i < targets.size(); i++) {
            running(clientId, "deployments[" + i + "].id", targets.get(i).deploymentId());
        }
        return List.copyOf(targets);
    }

    /** Another client's deployment reads as absent, exactly like an unknown one. */
    private void running(ClientId clientId, String field, String deploymentId) {
        Deployment deployment = Deployments.find(deployments, clientId, deploymentId)
                .filter(d -> d.status() != DeploymentStatus.DELETED)
                .orElseThrow(() -> ServiceException.notFound(field + ": no deployment " + abbreviate(deploymentId)
                        + " for this client (GET /v1/deployments lists yours)"));
        if (deployment.status() != DeploymentStatus.RUNNING) {
            throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, field + ": deployment " + deploymentId + " is "
                    + deployment.status().wire() + "; an endpoint can point only at a running deployment");
        }
    }

    private static ServiceException notFound(Kind kind, String id) {
        String route = kind == Kind.ENDPOINT ? "/v1/endpoints" : "/v1/canary-endpoints";
        return ServiceException.notFound("No " + kind.words() + " " + abbreviate(String.valueOf(id))
                + " for this client (GET " + route + " lists yours; ids look like " + kind.idPrefix()
                + "_k3j9x0q2mz)");
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
