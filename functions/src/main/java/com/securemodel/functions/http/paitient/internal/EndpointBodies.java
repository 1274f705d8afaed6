package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.endpoint.Endpoint.Target;
import com.securemodel.core.error.ServiceException;
import java.util.ArrayList;
import java.util.List;

/**
 * The request bodies of {@code /v1/endpoints} and {@code /v1/canary-endpoints}, as the deployments reference writes
 * them.
 */
public final class EndpointBodies {

    private EndpointBodies() {
    }

    /** {@code POST /v1/endpoints}. */
    public record CreateEndpoint(String name, String deploymentId) {

        List<Target> targets() {
            return deploymentId == null ? List.of() : List.of(new Target(deploymentId, 100));
        }
    }

    /** {@code PATCH /v1/endpoints/{endpoint_id}}: repoint it. */
    public record UpdateEndpoint(String deploymentId) {

        List<Target> targets() {
            return deploymentId == null ? List.of() : List.of(new Target(deploymentId, 100));
        }
    }

    /** One deployment of a canary and its share of the traffic. */
    public record CanaryDeployment(String id, Integer trafficPercentage) {
    }

    /** {@code POST /v1/canary-endpoints}. */
    public record CreateCanary(String name, List<CanaryDeployment> deployments) {

        List<Target> targets() {
            return EndpointBodies.targets(deployments);
        }
    }

    /** {@code PATCH /v1/canary-endpoints/{endpoint_id}}: shift the split. */
    public record UpdateCanary(List<CanaryDeployment> deployments) {

        List<Target> targets() {
            return EndpointBodies.targets(deployments);
        }
    }

    private static List<Target> targets(List<CanaryDeployment> deployments) {
        if (deployments == null) {
            return null;
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < deployments.size(); i++) {
            CanaryDeployment d = deployments.get(i);
            if (d.trafficPercentage() == null) {
                throw ServiceException.validation("deployments[" + i + "].traffic_percentage is required: an integer"
                        + " from 0 to 100");
            }
            targets.add(new Target(d.id(), d.trafficPercentage()));
        }
        return targets;
    }
}
