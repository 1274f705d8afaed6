package com.securemodel.core.fakes;

import com.securemodel.core.limits.TierStore;
import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TierStore} in memory. */
public final class InMemoryTierStore implements TierStore {

    private final Map<ClientId, String> tiers = new ConcurrentHashMap<>();

    @Override
    public Optional<String> find(ClientId clientId) {
        return Optional.ofNullable(tiers.get(clientId));
    }

    @Override
    public void set(ClientId clientId, String tier, Instant at) {
        tiers.put(clientId, tier);
    }
}
