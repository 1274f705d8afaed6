package com.securemodel.core.tenant;

import java.util.List;

/** Port: where API key hashes are kept, by client. */
public interface ApiKeyStore {

    /** Stores the key; storing the same client id and key id again replaces it. */
    void save(ApiKeyRecord key);

    /** @return the keys of this client, empty when the client has none */
    List<ApiKeyRecord> findByClient(ClientId clientId);
}
