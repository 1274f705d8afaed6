package com.securemodel.sdk;

import java.time.Duration;
import java.util.Optional;

/**
 * Too many requests (429 {@code rate_limit_exceeded}) after every retry, or a tier's quota used up (403
 * {@code quota_exceeded}, not retried and without {@link #retryAfter()}).
 */
public class RateLimitException extends SecureModelException {

    private final Duration retryAfter;

    public RateLimitException(String code, String message, String requestId, int status, Duration retryAfter) {
        super(code, message, requestId, status, null);
        this.retryAfter = retryAfter;
    }

    /** The answer's {@code Retry-After}: when the rate limit window ends. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
