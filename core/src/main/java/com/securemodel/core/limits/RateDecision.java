package com.securemodel.core.limits;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;

/**
 * What the rate limiter decided for one request, and what the {@code X-RateLimit-*} headers say.
 *
 * @param limit requests per window ({@code X-RateLimit-Limit})
 * @param remaining what is left of the window, as this instance knows it ({@code X-RateLimit-Remaining})
 * @param resetEpochSeconds when the window ends, in UTC epoch seconds ({@code X-RateLimit-Reset})
 * @param retryAfterSeconds for a refused request, seconds until the window ends ({@code Retry-After}); else 0
 */
public record RateDecision(int limit, long remaining, long resetEpochSeconds, boolean admitted,
                           long retryAfterSeconds) {

    /** @throws ServiceException rate_limit_exceeded (429) when the request was refused */
    public void requireAdmitted() {
        if (!admitted) {
            throw new ServiceException(ErrorCode.RATE_LIMIT_EXCEEDED, "Rate limit reached: this client may send "
                    + limit + " requests per minute (every dialect together); retry after " + retryAfterSeconds
                    + " seconds (Retry-After), or ask for a higher tier");
        }
    }
}
