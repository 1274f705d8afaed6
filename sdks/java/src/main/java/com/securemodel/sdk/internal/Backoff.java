package com.securemodel.sdk.internal;

import com.securemodel.sdk.ServiceException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: before retry {@code n} (0-based) it waits a random time between half and all of
 * {@code min(maxDelay, baseDelay * 2^n)}; after a {@code Retry-After} it waits that long plus up to one base delay,
 * unless that is longer than {@code maxRetryAfter} (then the error goes to the caller).
 */
public record Backoff(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public Backoff {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more");
        }
    }

    /** Whether a retry should wait for this {@code Retry-After} (null: none was given). */
    public boolean waitsFor(Duration retryAfter) {
        return retryAfter == null || retryAfter.compareTo(maxRetryAfter) <= 0;
    }

    /** The pause before retry {@code attempt}. */
    public Duration delay(int attempt, Duration retryAfter) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long base = Math.max(1, baseDelay.toMillis());
        if (retryAfter != null) {
            return retryAfter.plusMillis(random.nextLong(base + 1));
        }
        long cap = Math.min(maxDelay.toMillis(), base << Math.min(attempt, 20));
        return Duration.ofMillis(cap / 2 + random.nextLong(cap / 2 + 1));
    }

    void pause(int attempt, Duration retryAfter) {
        try {
            Thread.sleep(delay(attempt, retryAfter).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted", "Interrupted while waiting to retry", null, 0, e);
        }
    }
}
