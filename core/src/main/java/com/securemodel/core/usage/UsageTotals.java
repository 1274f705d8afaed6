package com.securemodel.core.usage;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * The usage of one deployment in one minute, summed: what {@link UsageStore} adds atomically to what it holds.
 *
 * @param minute the start of the minute (UTC)
 */
public record UsageTotals(ClientId clientId, String deploymentId, Instant minute, long requests, long errors,
                          long promptTokens, long completionTokens, long latencyMillis) {

    UsageTotals plus(UsageEvent event) {
        return new UsageTotals(clientId, deploymentId, minute, requests + 1, errors + (event.failed() ? 1 : 0),
                promptTokens + event.promptTokens(), completionTokens + event.completionTokens(),
                latencyMillis + event.latencyMillis());
    }

    UsageTotals plus(UsageTotals other) {
        return new UsageTotals(clientId, deploymentId, minute, requests + other.requests, errors + other.errors,
                promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                latencyMillis + other.latencyMillis);
    }
}
