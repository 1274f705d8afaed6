package com.securemodel.core.fakes;

import com.securemodel.core.bytez.BytezInstance;
import com.securemodel.core.bytez.BytezInstanceStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link BytezInstanceStore} in memory, with the conditional semantics of the real one; counts touches. */
public final class InMemoryBytezInstanceStore implements BytezInstanceStore {

    private final Map<Key, BytezInstance> rows = new ConcurrentHashMap<>();
    /** How many {@link #touch} calls reached the store. */
    public final AtomicInteger touches = new AtomicInteger();

    @Override
    public synchronized void claim(BytezInstance instance) {
        BytezInstance existing = rows.get(key(instance));
        if (existing != null && existing.active()) {
            throw new ConcurrentUpdateException("instance exists", null);
        }
        rows.put(key(instance), instance);
    }

    @Override
    public void put(BytezInstance instance) {
        rows.put(key(instance), instance);
    }

    @Override
    public void remove(ClientId clientId, String modelId) {
        rows.remove(new Key(clientId, modelId));
    }

    @Override
    public Optional<BytezInstance> find(ClientId clientId, String modelId) {
        return Optional.ofNullable(rows.get(new Key(clientId, modelId)));
    }

    @Override
    public List<BytezInstance> list(ClientId clientId) {
        return rows.values().stream().filter(i -> i.clientId().equals(clientId)).toList();
    }

    @Override
    public synchronized void touch(ClientId clientId, String modelId, String deploymentId, Instant expiresAt,
                                   long inferences, Instant modified) {
        touches.incrementAndGet();
        BytezInstance i = rows.get(new Key(clientId, modelId));
        if (i == null || !i.active() || !deploymentId.equals(i.deploymentId())) {
            return;
        }
        Instant next = expiresAt.isAfter(i.expiresAt()) ? expiresAt : i.expiresAt();
        rows.put(new Key(clientId, modelId), new BytezInstance(clientId, modelId, deploymentId, i.concurrency(),
                i.expirationPeriodSeconds(), next, i.inferences() + inferences, i.created(), modified, null));
    }

    @Override
    public List<Key> expiredBefore(Instant cutoff) {
        return rows.values().stream().filter(BytezInstance::active).filter(i -> !i.expiresAt().isAfter(cutoff))
                .map(i -> new Key(i.clientId(), i.modelId())).toList();
    }

    private static Key key(BytezInstance instance) {
        return new Key(instance.clientId(), instance.modelId());
    }
}
