package com.securemodel.core.tenant;

import java.time.Clock;

/**
 * Checks {@code Authorization: Bearer <key>} plus {@code X-Client-ID} against the client's stored key hashes (in
 * constant time), and issues new keys (only their hash is stored).
 */
public final class Authenticator {

    private final ApiKeyStore keys;
    private final Clock clock;

    public Authenticator(ApiKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param authorizationHeader the raw header value (may be null)
     * @param clientIdHeader the raw {@code X-Client-ID} value (may be null)
     * @return the authenticated client
     * @throws com.securemodel.core.error.ServiceException authentication_error (missing or wrong key/client id)
     */
    public ClientId authenticate(String authorizationHeader, String clientIdHeader) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Stores {@code apiKey}'s hash for {@code clientId} under {@code keyId} (used for the local dev key). */
    public void register(ClientId clientId, String keyId, String apiKey) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Issues a new random key for {@code clientId}, stores its hash and returns the key (shown once). */
    public String issue(ClientId clientId) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
