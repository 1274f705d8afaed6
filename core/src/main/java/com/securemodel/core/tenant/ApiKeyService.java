package com.securemodel.core.tenant;

import com.securemodel.core.error.ServiceException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The keys API: a client's keys listed (never a secret or a hash), issued with scopes, and revoked. Every call is
 * addressed by the caller's own client, so a key id of another client is simply not found.
 *
 * <p>A revoked key stops working at once in the instance that revoked it and within the authorization cache
 * period ({@link Authenticator#cacheTtl()}) everywhere else. The client's last admin key cannot be revoked: the
 * client would lose the keys API for good (only the operator's {@code create-api-key} command could help it).
 */
public final class ApiKeyService {

    private static final int MAX_NAME_LENGTH = 100;

    private final ApiKeyStore keys;
    private final Authenticator authenticator;

    public ApiKeyService(ApiKeyStore keys, Authenticator authenticator) {
        this.keys = keys;
        this.authenticator = authenticator;
    }

    /** @return the client's keys, oldest first */
    public List<ApiKeyRecord> list(ClientId clientId) {
        return keys.findByClient(clientId).stream()
                .sorted(Comparator.comparing(ApiKeyRecord::createdAt).thenComparing(ApiKeyRecord::keyId)).toList();
    }

    /**
     * @param name a label (at most {@value #MAX_NAME_LENGTH} characters), may be null
     * @param scopes at least one
     * @throws ServiceException validation_error for a bad name or no scope
     */
    public Authenticator.IssuedKey create(ClientId clientId, String name, Set<Scope> scopes) {
        if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl))) {
            throw ServiceException.validation("name must be 1-" + MAX_NAME_LENGTH
                    + " characters without control characters, or left out");
        }
        return authenticator.issue(clientId, name, scopes);
    }

    /**
     * Revokes one of the client's keys (the calling key itself included, unless it is the client's last admin
     * key).
     *
     * @throws ServiceException resource_not_found when the client has no such key; validation_error when it
     *         is the client's last admin key
     */
    public ApiKeyRecord revoke(ClientId client, String keyId) {
        List<ApiKeyRecord> all = keys.findByClient(client);
        ApiKeyRecord target = all.stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> notFound(keyId));
        if (target.admin() && all.stream().filter(ApiKeyRecord::admin).count() == 1) {
            throw ServiceException.validation("Key " + keyId + " is this client's last admin key: create another "
                    + "key with the 'admin' scope first (POST /v1/keys), then revoke this one");
        }
        ApiKeyRecord removed = keys.delete(client, keyId).orElseThrow(() -> notFound(keyId));
        authenticator.forget(removed.keyHash());
        return removed;
    }

    private static ServiceException notFound(String keyId) {
        return ServiceException.notFound("No API key '" + keyId + "' for this client: list the keys with GET /v1/keys");
    }
}
