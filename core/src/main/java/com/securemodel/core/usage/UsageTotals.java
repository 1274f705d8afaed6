package com.securemodel.core.usage;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * The usage of one deployment in one minute, summed: what {@link UsageStore} adds atomically to what it holds.
 *
 * @param minute the start of the minute (UTC)
 * @param latency the minute's latencies in milliseconds, as a mergeable sketch (its buckets are counters too);
 *        never mutated once in a record
 */
public record UsageTotals(ClientId clientId, String deploymentId, Instant minute, long requests, long errors,
                          long promptTokens, long completionTokens, long latencyMillis, LatencySketch latency) {

    /** Totals without a latency sketch (an empty one). */
    public UsageTotals(ClientId clientId, String deploymentId, Instant minute, long requests, long errors,
                       long promptTokens, long completionTokens, long latencyMillis) {
        this(clientId, deploymentId, minute, requests, errors, promptTokens, completionTokens, latencyMillis,
                new LatencySketch());
    }

    public UsageTotals {
        latency = latency == null ? new LatencySketch() : latency;
    }

    UsageTotals plus(UsageEvent event) {
        LatencySketch sketch = latency.copy();
        sketch.accept(event.latencyMillis());
        return new UsageTotals(clientId, deploymentId, minute, requests + 1, errors + (event.failed() ? 1 : 0),
                promptTokens + event.promptTokens(), completionTokens + event.completionTokens(),
                latencyMillis + event.latencyMillis(), sketch);
    }

    /** @return the sums of both (same client, deployment and minute) */
    public UsageTotals plus(UsageTotals other) {
        LatencySketch sketch = latency.copy();
        sketch.merge(other.latency);
        return new UsageTotals(clientId, deploymentId, minute, requests + other.requests, errors + other.errors,
                promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                latencyMillis + other.latencyMillis, sketch);
    }
}
