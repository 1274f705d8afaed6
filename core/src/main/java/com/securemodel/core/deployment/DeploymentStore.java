package com.securemodel.core.deployment;

import com.securemodel.core.tenant.ClientId;
import java.util.List;
import java.util.Optional;

/**
 * Port: deployments, always addressed by client id first, so that no call can reach another client's rows.
 * Writes are conditional and raise {@link com.securemodel.core.error.ConcurrentUpdateException} when they lose.
 */
public interface DeploymentStore {

    /** Stores a new deployment (version 1); raises ConcurrentUpdateException if the id exists. */
    Deployment create(Deployment deployment);

    Optional<Deployment> find(ClientId clientId, String deploymentId);

    /** @return every deployment of this client (deleted ones included), newest first */
    List<Deployment> list(ClientId clientId);

    /**
     * Replaces the stored deployment if its version is still {@code deployment.version()}.
     *
     * @return the stored copy, with the version incremented
     */
    Deployment update(Deployment deployment);
}
