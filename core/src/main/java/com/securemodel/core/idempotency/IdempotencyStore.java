package com.securemodel.core.idempotency;

import java.util.Optional;

/** Where {@link IdempotencyClaim}s are kept, under their client's partition. */
public interface IdempotencyStore {

    /**
     * Stores the claim unless the client already holds one for its scope and key (a conditional write: of two
     * concurrent claims exactly one is stored).
     *
     * @return empty when this claim was stored, else the claim that holds the key
     */
    Optional<IdempotencyClaim> claim(IdempotencyClaim claim);

    /**
     * Replaces {@code held} (expired, or abandoned by a request that never created its resource) by {@code fresh},
     * only if the key still holds {@code held}.
     *
     * @return whether {@code fresh} is stored now
     */
    boolean replace(IdempotencyClaim held, IdempotencyClaim fresh);

    /** Removes the claim if the key still holds it (its request failed: the key may be used again). */
    void release(IdempotencyClaim claim);
}
