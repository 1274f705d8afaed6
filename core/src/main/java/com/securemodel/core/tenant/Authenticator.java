package com.securemodel.core.tenant;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@code Authorization: Bearer <key>} plus {@code X-Client-ID} against the client's stored key hashes (in
 * constant time), and issues new keys (only their hash is stored).
 *
 * <p>A successful check is remembered for a short time (60 s by default), keyed by the client id and the key's
 * hash, never the key itself, so that a burst of requests reads the key store once, as API Gateway's authorizer
 * cache does. The price: a key removed from the store keeps working for at most that long in a warm instance.
 * Failures are never cached.
 */
public final class Authenticator {

    private static final String BEARER = "Bearer ";
    private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int KEY_LENGTH = 40;
    private static final int KEY_ID_LENGTH = 12;
    /** The default time a successful check is remembered. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    private static final int MAX_CACHED = 10_000;

    private final ApiKeyStore keys;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public Authenticator(ApiKeyStore keys, Clock clock) {
        this(keys, clock, DEFAULT_CACHE_TTL);
    }

    /** @param cacheTtl how long a successful check is remembered; zero turns the cache off */
    public Authenticator(ApiKeyStore keys, Clock clock, Duration cacheTtl) {
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative, was " + cacheTtl);
        }
        this.keys = keys;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
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
        String cacheKey = clientId.value() + '\n' + ApiKeyHasher.hash(apiKey);
        Instant now = clock.instant();
        Instant until = verified.get(cacheKey);
        if (until != null && now.isBefore(until)) {
            return clientId;
        }
        boolean matched = false;
        for (ApiKeyRecord key : keys.findByClient(clientId)) {
            matched |= ApiKeyHasher.matches(apiKey, key.keyHash());
        }
        if (!matched) {
            verified.remove(cacheKey);
            throw failure("The API key is not valid for this X-Client-ID: check both headers");
        }
        remember(cacheKey, now);
        return clientId;
    }

    private void remember(String cacheKey, Instant now) {
        if (cacheTtl.isZero()) {
            return;
        }
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(cacheKey, now.plus(cacheTtl));
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
