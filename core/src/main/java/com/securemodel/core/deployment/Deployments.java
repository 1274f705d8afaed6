package com.securemodel.core.deployment;

import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.util.Optional;
import java.util.regex.Pattern;

/** The one lookup of a client's deployment by the id a request names. */
public final class Deployments {

    private static final Pattern WELL_FORMED_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Deployments() {
    }

    /**
     * @return the client's deployment with this id
     * @throws ServiceException resource_not_found for an unknown or foreign id, and for an id that cannot be one of
     *         ours (too long, odd characters), which never reaches the store
     */
    public static Deployment require(DeploymentStore store, ClientId clientId, String deploymentId) {
        if (deploymentId == null || !WELL_FORMED_ID.matcher(deploymentId).matches()) {
            throw ServiceException.notFound("No deployment with that id for this client: ids look like dep_k3j9x0q2mz");
        }
        return store.find(clientId, deploymentId).orElseThrow(() -> ServiceException.notFound(
                "No deployment " + deploymentId + " for this client"));
    }

    /** @return the client's deployment with this id; empty for an unknown, foreign or malformed id */
    public static Optional<Deployment> find(DeploymentStore store, ClientId clientId, String deploymentId) {
        if (deploymentId == null || !WELL_FORMED_ID.matcher(deploymentId).matches()) {
            return Optional.empty();
        }
        return store.find(clientId, deploymentId);
    }
}
