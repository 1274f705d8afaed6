package com.securemodel.core.idempotency;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs a create at most once per client and {@code Idempotency-Key}, as the IETF draft
 * <a href="https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/">The Idempotency-Key HTTP
 * Header Field</a> describes: the first request claims the key (a conditional write) with a fingerprint of its
 * body and the id it gives the new resource; a retry with the same body gets that resource, one with another body
 * a 409, and one that arrives while the first still runs a 409 that says to retry. A create that fails releases
 * the key. Keys are kept {@link #RETENTION}.
 */
public final class IdempotencyKeys {

    /** How long a key is remembered. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** A claim whose resource does not exist after this long was abandoned (its process died) and may be taken. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:~+/=-]{1,255}");

    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotencyKeys(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * What {@link #execute} answered.
     *
     * @param replayed true when an earlier request with the key created the resource
     */
    public record Outcome<T>(T value, boolean replayed) {
    }

    /** @throws ServiceException validation_error unless the key is 1 to 255 characters of the allowed set */
    public static String validKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw ServiceException.validation("The Idempotency-Key header must be 1 to 255 characters of A-Z, a-z,"
                    + " 0-9 and . _ : ~ + / = - (a UUID works)" + (key != null && key.length() > 255
                    ? "; this one has " + key.length() : ""));
        }
        return key;
    }

    /**
     * @param scope the operation, for example {@code deployments}
     * @param fingerprint a hash of the request body (the same body gives the same fingerprint)
     * @param newId the id a new resource gets
     * @param create creates the resource under the given id
     * @param find the resource of that id, empty when it does not exist (yet)
     */
    public <T> Outcome<T> execute(ClientId clientId, String scope, String key, String fingerprint,
                                  Supplier<String> newId, Function<String, T> create,
                                  Function<String, Optional<T>> find) {
        validKey(key);
        Instant now = clock.instant();
        IdempotencyClaim mine = new IdempotencyClaim(clientId, scope, key, fingerprint, newId.get(), now,
                now.plus(RETENTION));
        for (int attempt = 1; attempt <= 3; attempt++) {
            Optional<IdempotencyClaim> held = store.claim(mine);
            if (held.isEmpty()) {
                return new Outcome<>(createReleasingOnFailure(mine, create), false);
            }
            IdempotencyClaim other = held.get();
            boolean expired = !other.expiresAt().isAfter(now);
            if (!expired && !other.fingerprint().equals(fingerprint)) {
                throw new ServiceException(ErrorCode.INVALID_REQUEST, 409, "The Idempotency-Key '" + key + "' was"
                        + " used with a different request body; send the same body to get the first result, or use"
                        + " a new key for a new request", null);
            }
            Optional<T> existing = expired ? Optional.empty() : find.apply(other.resourceId());
            if (existing.isPresent()) {
                return new Outcome<>(existing.get(), true);
            }
            boolean abandoned = !other.createdAt().plus(ABANDONED_AFTER).isAfter(now);
            if (!expired && !abandoned) {
                throw new ServiceException(ErrorCode.INVALID_REQUEST, 409, "A request with the Idempotency-Key '"
                        + key + "' is still being processed; retry in a few seconds to get its result", null);
            }
            if (store.replace(other, mine)) {
                return new Outcome<>(createReleasingOnFailure(mine, create), false);
            }
        }
        throw new ServiceException(ErrorCode.INVALID_REQUEST, 409, "The Idempotency-Key '" + key + "' changed hands"
                + " while this request ran; retry in a few seconds", null);
    }

    private <T> T createReleasingOnFailure(IdempotencyClaim claim, Function<String, T> create) {
        try {
            return create.apply(claim.resourceId());
        } catch (RuntimeException failed) {
            try {
                store.release(claim);
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
    }
}
