package com.securemodel.core.fakes;

import com.securemodel.core.tenant.ApiKeyRecord;
import com.securemodel.core.tenant.ApiKeyStore;
import com.securemodel.core.tenant.ClientId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ApiKeyStore} in memory. */
public final class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<ClientId, Map<String, ApiKeyRecord>> keys = new ConcurrentHashMap<>();

    @Override
    public void save(ApiKeyRecord key) {
        keys.computeIfAbsent(key.clientId(), c -> new ConcurrentHashMap<>()).put(key.keyId(), key);
    }

    @Override
    public List<ApiKeyRecord> findByClient(ClientId clientId) {
        return List.copyOf(keys.getOrDefault(clientId, Map.of()).values());
    }

    /** @return every stored key of every client */
    public List<ApiKeyRecord> all() {
        return keys.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
