package com.securemodel.core.fakes;

import com.securemodel.core.batch.BatchFile;
import com.securemodel.core.batch.BatchFileStore;
import com.securemodel.core.tenant.ClientId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BatchFileStore} in memory. */
public final class InMemoryBatchFileStore implements BatchFileStore {

    private final Map<String, BatchFile> rows = new ConcurrentHashMap<>();

    @Override
    public void put(BatchFile file) {
        rows.put(file.clientId().value() + "\n" + file.id(), file);
    }

    @Override
    public Optional<BatchFile> find(ClientId clientId, String id) {
        return Optional.ofNullable(rows.get(clientId.value() + "\n" + id));
    }

    @Override
    public List<BatchFile> list(ClientId clientId) {
        return rows.values().stream().filter(f -> f.clientId().equals(clientId))
                .sorted(Comparator.comparing(BatchFile::createdAt).reversed()).toList();
    }

    @Override
    public void delete(ClientId clientId, String id) {
        rows.remove(clientId.value() + "\n" + id);
    }
}
