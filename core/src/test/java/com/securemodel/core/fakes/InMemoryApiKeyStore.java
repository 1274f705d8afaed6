package com.securemodel.core.fakes;

import com.securemodel.core.tenant.ApiKeyRecord;
import com.securemodel.core.tenant.ApiKeyStore;
import com.securemodel.core.tenant.ClientId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link ApiKeyStore} in memory. */
public final class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<ClientId, Map<String, ApiKeyRecord>> keys = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public void save(ApiKeyRecord key) {
        keys.computeIfAbsent(key.clientId(), c -> new ConcurrentHashMap<>()).put(key.keyId(), key);
    }

    @Override
    public List<ApiKeyRecord> findByClient(ClientId clientId) {
        reads.incrementAndGet();
        return List.copyOf(keys.getOrDefault(clientId, Map.of()).values());
    }

    @Override
    public Optional<ApiKeyRecord> findByHash(String keyHash) {
        reads.incrementAndGet();
        return all().stream().filter(k -> k.keyHash().equals(keyHash)).findFirst();
    }

    /** @return how many times the store was read ({@link #findByClient} and {@link #findByHash}) */
    public int reads() {
        return reads.get();
    }

    /** Removes a key, as a revocation would. */
    public void remove(ClientId clientId, String keyId) {
        delete(clientId, keyId);
    }

    @Override
    public Optional<ApiKeyRecord> delete(ClientId clientId, String keyId) {
        return Optional.ofNullable(keys.getOrDefault(clientId, new ConcurrentHashMap<>()).remove(keyId));
    }

    /** @return every stored key of every client */
    public List<ApiKeyRecord> all() {
        return keys.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
