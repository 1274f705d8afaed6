package com.securemodel.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A deployment's metrics: each series ({@code latency}, {@code throughput}, {@code error_rate},
 * {@code token_usage}) as the API answers it, with {@code timestamps}, and a {@code summary} over the range.
 */
public record Metrics(
        String deploymentId,
        String startTime,
        String endTime,
        String interval,
        JsonNode metrics,
        JsonNode summary) {
}
