package com.securemodel.core.limits;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.Optional;

/** Port: the tier a client was given (an item under the client's own partition). */
public interface TierStore {

    /** @return the tier name set for this client; empty when none was (the default tier applies) */
    Optional<String> find(ClientId clientId);

    /** Sets the client's tier (replacing any). */
    void set(ClientId clientId, String tier, Instant at);
}
