package com.securemodel.core.fakes;

import com.securemodel.core.bytez.ModelJob;
import com.securemodel.core.bytez.ModelJobStore;
import com.securemodel.core.tenant.ClientId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ModelJobStore} in memory. */
public final class InMemoryModelJobStore implements ModelJobStore {

    private record Key(ClientId clientId, String modelId) {
    }

    private final Map<Key, ModelJob> rows = new ConcurrentHashMap<>();

    @Override
    public Optional<ModelJob> find(ClientId clientId, String modelId) {
        return Optional.ofNullable(rows.get(new Key(clientId, modelId)));
    }

    @Override
    public boolean create(ModelJob job) {
        return rows.putIfAbsent(new Key(job.clientId(), job.modelId()), job) == null;
    }

    @Override
    public void put(ModelJob job) {
        rows.put(new Key(job.clientId(), job.modelId()), job);
    }

    @Override
    public void delete(ClientId clientId, String modelId) {
        rows.remove(new Key(clientId, modelId));
    }
}
