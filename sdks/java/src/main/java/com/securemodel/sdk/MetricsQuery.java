package com.securemodel.sdk;

import java.time.Instant;
import java.util.List;

/**
 * Which metrics to read: a range (null: the hour before now), an {@code interval} ({@code 1m}, {@code 5m},
 * {@code 1h}, {@code 1d}; null: 1m) and the series ({@code latency}, {@code throughput}, {@code error_rate},
 * {@code token_usage}; empty: all).
 */
public record MetricsQuery(Instant startTime, Instant endTime, String interval, List<String> metrics) {

    public static final MetricsQuery DEFAULT = new MetricsQuery(null, null, null, List.of());

    public MetricsQuery withRange(Instant start, Instant end) {
        return new MetricsQuery(start, end, interval, metrics);
    }

    public MetricsQuery withInterval(String value) {
        return new MetricsQuery(startTime, endTime, value, metrics);
    }

    public MetricsQuery withMetrics(String... values) {
        return new MetricsQuery(startTime, endTime, interval, List.of(values));
    }
}
