package com.securemodel.core.batch;

import com.securemodel.core.tenant.ClientId;
import java.util.List;
import java.util.Optional;

/** The Files API's file items, one per file under the client's partition. */
public interface BatchFileStore {

    /** Stores (or replaces: output files are written again on a redelivered finish) a file item. */
    void put(BatchFile file);

    Optional<BatchFile> find(ClientId clientId, String id);

    /** @return the client's files, newest first */
    List<BatchFile> list(ClientId clientId);

    void delete(ClientId clientId, String id);
}
