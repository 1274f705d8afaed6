package com.securemodel.core.tenant;

import java.time.Instant;

/**
 * A stored API key: only its hash is kept.
 *
 * @param clientId the client the key belongs to
 * @param keyId a short non-secret id, to list and revoke keys
 * @param keyHash the key's hash as {@code ApiKeyHasher} writes it
 * @param createdAt when it was issued
 */
public record ApiKeyRecord(ClientId clientId, String keyId, String keyHash, Instant createdAt) {
}
