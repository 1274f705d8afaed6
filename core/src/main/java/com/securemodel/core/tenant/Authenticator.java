package com.securemodel.core.tenant;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the client of an API key by the key's hash (the PaiTIENT dialect also requires {@code X-Client-ID}, which
 * must name that client), and issues new keys (only their hash is stored).
 *
 * <p>A successful check is remembered for a short time (60 s by default), keyed by the key's hash, never the key
 * itself, so that a burst of requests reads the key store once, as API Gateway's authorizer
 * cache does. The price: a key removed from the store keeps working for at most that long in a warm instance
 * (the instance that revokes it {@linkplain #forget forgets} it at once). The cached check holds the key's scopes
 * too, so a key's scopes never change after it is issued: to change them, issue another key and revoke this one.
 * Failures are never cached.
 */
public final class Authenticator {

    private static final String BEARER = "Bearer ";
    private static final String KEY = "Key ";
    private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int KEY_LENGTH = 40;
    private static final int KEY_ID_LENGTH = 12;
    /** The default time a successful check is remembered. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    private static final int MAX_CACHED = 10_000;

    private final ApiKeyStore keys;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
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
     * The PaiTIENT dialect's check: {@code Authorization: Bearer <key>} and {@code X-Client-ID}, both required.
     *
     * @param authorizationHeader the raw header value (may be null)
     * @param clientIdHeader the raw {@code X-Client-ID} value (may be null)
     * @return the authenticated client
     * @throws com.securemodel.core.error.ServiceException authentication_error (missing or wrong key/client id)
     */
    public ClientId authenticate(String authorizationHeader, String clientIdHeader) {
        return authenticateCaller(authorizationHeader, clientIdHeader).clientId();
    }

    /** {@link #authenticate}, also naming the key's id. */
    public AuthenticatedKey authenticateCaller(String authorizationHeader, String clientIdHeader) {
        String apiKey = bearerKey(authorizationHeader);
        if (clientIdHeader == null || clientIdHeader.isBlank()) {
            throw failure("The X-Client-ID header is missing: send the client id your API key belongs to");
        }
        return check(apiKey, new ClientId(clientIdHeader.strip()));
    }

    /**
     * The key-only check of the Bytez and OpenAI-compatible dialects: the key alone identifies its client. It comes
     * as {@code Authorization: Bearer <key>} (OpenAI), {@code Authorization: Key <key>} (Bytez) or
     * {@code api-key: <key>} (Azure OpenAI); an {@code X-Client-ID}, where sent, must name the key's client.
     *
     * @throws com.securemodel.core.error.ServiceException authentication_error (missing or wrong key, another
     *         client's id)
     */
    public ClientId authenticateKey(String authorizationHeader, String apiKeyHeader, String clientIdHeader) {
        return authenticateKeyCaller(authorizationHeader, apiKeyHeader, clientIdHeader).clientId();
    }

    /** {@link #authenticateKey}, also naming the key's id. */
    public AuthenticatedKey authenticateKeyCaller(String authorizationHeader, String apiKeyHeader,
                                                  String clientIdHeader) {
        String apiKey;
        if (authorizationHeader != null && !authorizationHeader.isBlank()) {
            apiKey = schemeKey(authorizationHeader);
        } else if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
            apiKey = singleKey(apiKeyHeader.strip(), "The api-key header must hold one key and no spaces");
        } else {
            throw failure("No API key: send 'Authorization: Bearer <api key>' (or 'Authorization: Key <api key>', "
                    + "or an 'api-key' header)");
        }
        ClientId claimed = clientIdHeader == null || clientIdHeader.isBlank() ? null
                : new ClientId(clientIdHeader.strip());
        return check(apiKey, claimed);
    }

    /** One consistent read by the key's hash (then the short cache). */
    private AuthenticatedKey check(String apiKey, ClientId claimed) {
        String hash = ApiKeyHasher.hash(apiKey);
        Instant now = clock.instant();
        Verified cached = verified.get(hash);
        if (cached != null && now.isBefore(cached.until())) {
            return new AuthenticatedKey(requireSameClient(cached.clientId(), claimed), cached.keyId(), cached.scopes());
        }
        ApiKeyRecord key = keys.findByHash(hash).orElse(null);
        if (key == null) {
            verified.remove(hash);
            throw failure(claimed == null ? "The API key is not valid: check it, or create a new one"
                    : "The API key is not valid for this X-Client-ID: check both headers");
        }
        ClientId client = requireSameClient(key.clientId(), claimed);
        remember(hash, client, key, now);
        return new AuthenticatedKey(client, key.keyId(), key.scopes());
    }

    private static ClientId requireSameClient(ClientId owner, ClientId claimed) {
        if (claimed != null && !claimed.equals(owner)) {
            throw failure("The API key is not valid for this X-Client-ID: check both headers");
        }
        return owner;
    }

    private void remember(String hash, ClientId client, ApiKeyRecord key, Instant now) {
        if (cacheTtl.isZero()) {
            return;
        }
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(hash, new Verified(client, key.keyId(), key.scopes(), now.plus(cacheTtl)));
    }

    /** A key hash checked recently: its client, key id and scopes, and until when the check holds. */
    private record Verified(ClientId clientId, String keyId, Set<Scope> scopes, Instant until) {
    }

    /**
     * Drops what this instance remembers of a key (after its revocation): here it stops working at once; other
     * warm instances forget it when their check expires, at most {@link #cacheTtl()} later.
     */
    public void forget(String keyHash) {
        verified.remove(keyHash);
    }

    /** @return how long a successful check is remembered (the most a revoked key keeps working) */
    public Duration cacheTtl() {
        return cacheTtl;
    }

    /** Stores {@code apiKey}'s hash for {@code clientId} under {@code keyId} (used for the local dev key). */
    public void register(ClientId clientId, String keyId, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw ServiceException.validation("An API key must not be blank");
        }
        keys.save(new ApiKeyRecord(clientId, keyId, ApiKeyHasher.hash(apiKey), clock.instant()));
    }

    /** Issues a new random key with every scope for {@code clientId}, stores its hash and returns the key. */
    public String issue(ClientId clientId) {
        return issue(clientId, null, Scope.all()).apiKey();
    }

    /**
     * Issues a new random key for {@code clientId}, stores its hash, name, scopes and last four characters.
     *
     * @param name a label, may be null
     * @param scopes what the key may do, at least one
     * @return the stored key and the key itself (shown once)
     */
    public IssuedKey issue(ClientId clientId, String name, Set<Scope> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw ServiceException.validation("A key needs at least one scope");
        }
        String apiKey = "sk-" + randomChars(KEY_LENGTH);
        ApiKeyRecord key = new ApiKeyRecord(clientId, "key_" + randomChars(KEY_ID_LENGTH).toLowerCase(Locale.ROOT),
                ApiKeyHasher.hash(apiKey), clock.instant(), name, scopes, apiKey.substring(apiKey.length() - 4));
        keys.save(key);
        return new IssuedKey(key, apiKey);
    }

    /** A key just issued: what is stored, and the secret, which is shown once and never stored. */
    public record IssuedKey(ApiKeyRecord key, String apiKey) {

        @Override
        public String toString() {
            return "IssuedKey[" + key.keyId() + "]";
        }
    }

    private static String bearerKey(String header) {
        if (header == null || header.isBlank()) {
            throw failure("The Authorization header is missing: send 'Authorization: Bearer <api key>'");
        }
        String value = header.strip();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw failure("The Authorization header must be 'Bearer <api key>'");
        }
        return singleKey(value.substring(BEARER.length()).strip(),
                "The Authorization header must be 'Bearer <api key>' with one key and no spaces in it");
    }

    /** {@code Bearer <key>} or {@code Key <key>} (Bytez). */
    private static String schemeKey(String header) {
        String value = header.strip();
        for (String scheme : new String[] {BEARER, KEY}) {
            if (value.length() > scheme.length() && value.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return singleKey(value.substring(scheme.length()).strip(),
                        "The Authorization header must be 'Bearer <api key>' or 'Key <api key>' with one key and no "
                                + "spaces in it");
            }
        }
        throw failure("The Authorization header must be 'Bearer <api key>' or 'Key <api key>'");
    }

    private static String singleKey(String key, String message) {
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw failure(message);
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
