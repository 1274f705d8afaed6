package com.securemodel.core.tenant;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;

/**
 * Checks {@code Authorization: Bearer <key>} plus {@code X-Client-ID} against the client's stored key hashes (in
 * constant time), and issues new keys (only their hash is stored).
 */
public final class Authenticator {

    private static final String BEARER = "Bearer ";
    private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int KEY_LENGTH = 40;
    private static final int KEY_ID_LENGTH = 12;

    private final ApiKeyStore keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

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
        String apiKey = bearerKey(authorizationHeader);
        if (clientIdHeader == null || clientIdHeader.isBlank()) {
            throw failure("The X-Client-ID header is missing: send the client id your API key belongs to");
        }
        ClientId clientId = new ClientId(clientIdHeader.strip());
        boolean matched = false;
        for (ApiKeyRecord key : keys.findByClient(clientId)) {
            matched |= ApiKeyHasher.matches(apiKey, key.keyHash());
        }
        if (!matched) {
            throw failure("The API key is not valid for this X-Client-ID: check both headers");
        }
        return clientId;
    }

    /** Stores {@code apiKey}'s hash for {@code clientId} under {@code keyId} (used for the local dev key). */
    public void register(ClientId clientId, String keyId, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw ServiceException.validation("An API key must not be blank");
        }
        keys.save(new ApiKeyRecord(clientId, keyId, ApiKeyHasher.hash(apiKey), clock.instant()));
    }

    /** Issues a new random key for {@code clientId}, stores its hash and returns the key (shown once). */
    public String issue(ClientId clientId) {
        String apiKey = "sk-" + randomChars(KEY_LENGTH);
        register(clientId, "key_" + randomChars(KEY_ID_LENGTH).toLowerCase(Locale.ROOT), apiKey);
        return apiKey;
    }

    private static String bearerKey(String header) {
        if (header == null || header.isBlank()) {
            throw failure("The Authorization header is missing: send 'Authorization: Bearer <api key>'");
        }
        String value = header.strip();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw failure("The Authorization header must be 'Bearer <api key>'");
        }
        String key = value.substring(BEARER.length()).strip();
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw failure("The Authorization header must be 'Bearer <api key>' with one key and no spaces in it");
        }
        return key;
    }

    private String randomChars(int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return out.toString();
    }

    private static ServiceException failure(String message) {
        return new ServiceException(ErrorCode.AUTHENTICATION, message);
    }
}
