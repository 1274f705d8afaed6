package com.securemodel.core.limits;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/** Port: the shared count of one client's requests leased in one rate-limit window, by every instance together. */
public interface RateLimitStore {

    /**
     * What a lease got.
     *
     * @param granted requests this instance may now admit (0 when the window's budget is spent)
     * @param leasedTotal the window's leased count after this lease, every instance together
     */
    record Lease(int granted, long leasedTotal) {
    }

    /**
     * Adds up to {@code amount} to the window's leased count, atomically, never past {@code limit}: when less than
     * {@code amount} is left, what is left is granted.
     *
     * @param expiresAt when the window's item may go (a TTL)
     */
    Lease lease(ClientId clientId, Instant windowStart, int amount, int limit, Instant expiresAt);
}
