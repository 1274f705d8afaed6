package com.securemodel.core.observe;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A deployment's metrics over a range: one {@link Point} per interval from {@code from}, and their summary.
 *
 * @param from the range's start, aligned down to the interval
 * @param to the range's end (exclusive), aligned up to the interval
 */
public record MetricsReport(String deploymentId, Instant from, Instant to, Interval interval, Set<Metric> metrics,
                           List<Point> points, Point summary) {

    /** The metrics a report may hold. */
    public enum Metric {
        LATENCY("latency"), THROUGHPUT("throughput"), ERROR_RATE("error_rate"), TOKEN_USAGE("token_usage");

        private final String wire;

        Metric(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * The numbers of one interval (or of the whole range for the summary).
     *
     * @param averageMillis null when there was no request, like the percentiles (which are within 1% of the exact
     *        value at rank {@code floor(q * (n - 1))})
     */
    public record Point(Instant start, long requests, long errors, long promptTokens, long completionTokens,
                        Double averageMillis, Double p50Millis, Double p95Millis, Double p99Millis,
                        double requestsPerSecond, double errorPercentage) {

        public long totalTokens() {
            return promptTokens + completionTokens;
        }
    }
}
