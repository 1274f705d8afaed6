package com.securemodel.core.bytez;

import com.securemodel.core.tenant.ClientId;
import java.util.Optional;

/** Port: Bytez jobs, addressed by the client that asked first. */
public interface ModelJobStore {

    Optional<ModelJob> find(ClientId clientId, String modelId);

    /** Stores a new job unless the client already has one for this model; @return whether it was stored */
    boolean create(ModelJob job);

    /** Replaces the job. */
    void put(ModelJob job);

    void delete(ClientId clientId, String modelId);
}
