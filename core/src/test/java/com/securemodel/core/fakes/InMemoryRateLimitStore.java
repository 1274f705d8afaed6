package com.securemodel.core.fakes;

import com.securemodel.core.limits.RateLimitStore;
import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A {@link RateLimitStore} in memory, with the conditional add of the real one; counts its writes. */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private record Key(ClientId clientId, Instant window) {
    }

    private final Map<Key, Long> leased = new HashMap<>();
    private int writes;
    private boolean failing;

    @Override
    public synchronized Lease lease(ClientId clientId, Instant windowStart, int amount, int limit,
                                    Instant expiresAt) {
        if (failing) {
            throw new IllegalStateException("store down");
        }
        Key key = new Key(clientId, windowStart);
        long now = leased.getOrDefault(key, 0L);
        int granted = (int) Math.max(0, Math.min(amount, limit - now));
        if (granted > 0) {
            writes++;
            leased.put(key, now + granted);
        }
        return new Lease(granted, now + granted);
    }

    public synchronized int writes() {
        return writes;
    }

    /** Every later lease throws until called with false. */
    public synchronized void failing(boolean failing) {
        this.failing = failing;
    }
}
