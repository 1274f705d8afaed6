package com.securemodel.core.batch;

import com.securemodel.core.tenant.ClientId;
import java.util.List;
import java.util.Optional;

/** Where batch jobs and their checkpoints live, one item per job under the client's partition. */
public interface BatchStore {

    /**
     * Stores a new job.
     *
     * @throws com.securemodel.core.error.ConcurrentUpdateException when one with its id exists
     */
    void create(BatchJob job);

    Optional<BatchJob> find(ClientId clientId, String id);

    /**
     * Replaces the job if its stored version is still {@code job.version()}.
     *
     * @return the job as stored, with the next version
     * @throws com.securemodel.core.error.ConcurrentUpdateException when it changed meanwhile
     */
    BatchJob update(BatchJob job);

    /** @return at most {@code limit} of the client's jobs, newest first, after the job {@code after} (null: from the newest) */
    List<BatchJob> list(ClientId clientId, int limit, String after);
}
