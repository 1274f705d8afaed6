package com.securemodel.core.tenant;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API key: only its hash is kept.
 *
 * @param clientId the client the key belongs to
 * @param keyId a short non-secret id, to list and revoke keys
 * @param keyHash the key's hash as {@code ApiKeyHasher} writes it
 * @param createdAt when it was issued
 * @param name a label chosen by its creator; may be null
 * @param scopes what it may do; null (a key stored before scopes existed) means every scope
 * @param hint the key's last four characters, to recognise it in a list; null for keys stored without one
 */
public record ApiKeyRecord(ClientId clientId, String keyId, String keyHash, Instant createdAt, String name,
                           Set<Scope> scopes, String hint) {

    public ApiKeyRecord {
        scopes = Scope.copyOf(scopes);
    }

    /** A key with every scope, no name and no hint (the local development key, keys from before scopes). */
    public ApiKeyRecord(ClientId clientId, String keyId, String keyHash, Instant createdAt) {
        this(clientId, keyId, keyHash, createdAt, null, null, null);
    }

    /** @return whether this key holds the admin scope */
    public boolean admin() {
        return scopes.contains(Scope.ADMIN);
    }
}
