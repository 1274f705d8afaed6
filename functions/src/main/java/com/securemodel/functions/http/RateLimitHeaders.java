package com.securemodel.functions.http;

import com.securemodel.core.limits.RateDecision;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rate-limit headers of an authenticated response, in every dialect: {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} (UTC epoch seconds, as {@code paitient-rest-api.txt}
 * says), and {@code Retry-After} (seconds) on a refusal.
 */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** @return the headers; none for a request that was not rate limited (public routes, no caller) */
    static Map<String, String> of(RateDecision decision) {
        if (decision == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Limit", Integer.toString(decision.limit()));
        headers.put("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.put("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
        if (!decision.admitted()) {
            headers.put("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
        return headers;
    }
}
