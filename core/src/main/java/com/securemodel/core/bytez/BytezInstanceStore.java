package com.securemodel.core.bytez;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: Bytez instances, one per client and model, addressed by client first. Active instances are also findable
 * by expiry time (service-wide, for the sweep): the adapter keeps an index of {@code expiresAt} of active ones.
 */
public interface BytezInstanceStore {

    /** A client's instance of a model, as the sweep's index names it. */
    record Key(ClientId clientId, String modelId) {
    }

    /**
     * Stores a new active instance unless the client has an active one of this model.
     *
     * @throws com.securemodel.core.error.ConcurrentUpdateException when it has
     */
    void claim(BytezInstance instance);

    /** Replaces the instance (attach its deployment, stop it). A stopped instance leaves the expiry index. */
    void put(BytezInstance instance);

    /** Removes the instance (a claim whose load failed). */
    void remove(ClientId clientId, String modelId);

    Optional<BytezInstance> find(ClientId clientId, String modelId);

    /** @return the client's instances, stopped ones included */
    List<BytezInstance> list(ClientId clientId);

    /**
     * Records activity on the active instance of {@code deploymentId}: adds {@code inferences}, and moves
     * {@code expiresAt} forward (never back). Does nothing when the instance was stopped or reloaded meanwhile.
     */
    void touch(ClientId clientId, String modelId, String deploymentId, Instant expiresAt, long inferences,
               Instant modified);

    /** @return active instances whose stored {@code expiresAt} is at or before {@code cutoff}, every client's */
    List<Key> expiredBefore(Instant cutoff);
}
