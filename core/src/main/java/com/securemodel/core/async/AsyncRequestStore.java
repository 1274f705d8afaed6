package com.securemodel.core.async;

import com.securemodel.core.tenant.ClientId;
import java.util.Optional;

/** Port: requests accepted asynchronously, addressed by client first. */
public interface AsyncRequestStore {

    void create(AsyncRequest request);

    Optional<AsyncRequest> find(ClientId clientId, String id);

    /**
     * Replaces the stored request if its version is still {@code request.version()}.
     *
     * @throws com.securemodel.core.error.ConcurrentUpdateException when another writer got there first
     */
    AsyncRequest update(AsyncRequest request);
}
