package com.securemodel.core.tenant;

import java.util.List;
import java.util.Optional;

/** Port: where API key hashes are kept, by client and by hash. */
public interface ApiKeyStore {

    /**
     * Stores the key and its lookup by hash; storing the same client id and key id again replaces it (and its old
     * lookup).
     */
    void save(ApiKeyRecord key);

    /** @return the keys of this client, empty when the client has none */
    List<ApiKeyRecord> findByClient(ClientId clientId);

    /**
     * @param keyHash the hash as {@link ApiKeyHasher} writes it
     * @return the key with this hash (one consistent read), empty when no key has it
     */
    Optional<ApiKeyRecord> findByHash(String keyHash);

    /**
     * Removes the key of this client and its lookup by hash together, so the key stops authenticating (once the
     * authorization caches have expired).
     *
     * @return the key removed, empty when this client has no key with this id
     */
    Optional<ApiKeyRecord> delete(ClientId clientId, String keyId);
}
