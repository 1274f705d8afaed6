package com.securemodel.core.fakes;

import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.batch.BatchStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BatchStore} in memory, with the version-checked writes of the real one. */
public final class InMemoryBatchStore implements BatchStore {

    private final Map<String, BatchJob> rows = new ConcurrentHashMap<>();
    private int updates;

    @Override
    public synchronized void create(BatchJob job) {
        if (rows.putIfAbsent(key(job.clientId(), job.id()), job) != null) {
            throw new ConcurrentUpdateException("Batch " + job.id() + " already exists", null);
        }
    }

    @Override
    public Optional<BatchJob> find(ClientId clientId, String id) {
        return Optional.ofNullable(rows.get(key(clientId, id)));
    }

    @Override
    public synchronized BatchJob update(BatchJob job) {
        BatchJob stored = rows.get(key(job.clientId(), job.id()));
        if (stored == null || stored.version() != job.version()) {
            throw new ConcurrentUpdateException("Batch " + job.id() + " changed meanwhile", null);
        }
        BatchJob next = job.withVersion(job.version() + 1);
        rows.put(key(job.clientId(), job.id()), next);
        updates++;
        return next;
    }

    @Override
    public List<BatchJob> list(ClientId clientId, int limit, String after) {
        return rows.values().stream().filter(j -> j.clientId().equals(clientId))
                .sorted(Comparator.comparing(BatchJob::createdAt).reversed()).limit(limit).toList();
    }

    /** Replaces a job without any check, as another runner or a cancel would (the version moves on). */
    public synchronized void put(BatchJob job) {
        rows.put(key(job.clientId(), job.id()), job);
    }

    /** @return how many version-checked updates succeeded */
    public synchronized int updates() {
        return updates;
    }

    private static String key(ClientId clientId, String id) {
        return clientId.value() + "\n" + id;
    }
}
