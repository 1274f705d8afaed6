package com.securemodel.core.usage;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * A client's usage in one billing period (every deployment and dialect together), summed: what
 * {@link PeriodUsageStore} adds atomically to what it holds.
 *
 * @param periodStart the first instant of the period (a calendar month, UTC)
 */
public record PeriodTotals(ClientId clientId, Instant periodStart, long requests, long tokens) {

    PeriodTotals plus(PeriodTotals other) {
        return new PeriodTotals(clientId, periodStart, requests + other.requests, tokens + other.tokens);
    }
}
