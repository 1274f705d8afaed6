package com.securemodel.core.webhook;

import java.time.Duration;

/**
 * How often and how long a delivery is tried: attempt {@code n} that fails waits {@code baseDelay * 2^(n-1)}
 * (at most {@code maxDelay}) before attempt {@code n + 1}; after {@code maxAttempts} it gives up (the queue moves
 * the message to its dead-letter queue). The defaults try 14 times over about 26 hours: 30 s, 1 min, 2 min, ...,
 * 256 min, then 6 h three times.
 */
public record Backoff(Duration baseDelay, Duration maxDelay, int maxAttempts) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(30), Duration.ofHours(6), 14);

    public Backoff {
        if (maxAttempts < 1 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxAttempts >= 1 and 0 <= baseDelay <= maxDelay");
        }
    }

    /** @return the wait after failed attempt {@code attempt} (1-based) */
    public Duration delayAfter(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 40);
        Duration delay = baseDelay;
        for (int i = 0; i < doublings && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** @return the time from the first attempt to the last */
    public Duration span() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            total = total.plus(delayAfter(attempt));
        }
        return total;
    }
}
