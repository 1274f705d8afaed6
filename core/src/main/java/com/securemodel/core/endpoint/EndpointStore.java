package com.securemodel.core.endpoint;

import com.securemodel.core.tenant.ClientId;
import java.util.List;
import java.util.Optional;

/**
 * Port: endpoints and canary endpoints, always addressed by client id first. A name is unique per client across
 * both kinds (they share the OpenAI {@code model} namespace), enforced by the store's conditional write.
 */
public interface EndpointStore {

    /**
     * Stores a new endpoint (version 1) and claims its name.
     *
     * @throws EndpointNameTakenException when the client already has an endpoint of that name
     * @throws com.securemodel.core.error.ConcurrentUpdateException when the id exists
     */
    Endpoint create(Endpoint endpoint);

    Optional<Endpoint> find(ClientId clientId, String endpointId);

    Optional<Endpoint> findByName(ClientId clientId, String name);

    /** @return every endpoint of both kinds of this client */
    List<Endpoint> list(ClientId clientId);

    /**
     * Replaces the stored endpoint (its targets) if its version is still {@code endpoint.version()}; the name never
     * changes.
     *
     * @return the stored copy, with the version incremented
     * @throws com.securemodel.core.error.ConcurrentUpdateException on a stale version or a deleted endpoint
     */
    Endpoint update(Endpoint endpoint);

    /** Deletes the endpoint and frees its name; deleting one that is gone does nothing. */
    void delete(Endpoint endpoint);
}
