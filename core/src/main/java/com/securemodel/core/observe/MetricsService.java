package com.securemodel.core.observe;

import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.deployment.Deployments;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.observe.MetricsReport.Metric;
import com.securemodel.core.observe.MetricsReport.Point;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.LatencySketch;
import com.securemodel.core.usage.UsageStore;
import com.securemodel.core.usage.UsageTotals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The metrics API: a deployment's per-minute usage items (counters and latency sketches), merged into intervals.
 * A range may hold at most {@link #MAX_POINTS} intervals; a longer one is refused with the interval that fits.
 */
public final class MetricsService {

    /** The most data points one series may hold. */
    public static final int MAX_POINTS = 1440;
    /** The range when no start is given: the hour before the end. */
    public static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final DeploymentStore deployments;
    private final UsageStore usage;
    private final Clock clock;

    public MetricsService(DeploymentStore deployments, UsageStore usage, Clock clock) {
        this.deployments = deployments;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * @param start null: {@link #DEFAULT_RANGE} before the end
     * @param end null: now
     * @param interval null: {@code 1m}
     * @param metrics empty: all of them
     * @throws ServiceException resource_not_found (unknown or foreign deployment), validation_error (start not
     *         before end, too many points for the interval: the message names one that fits)
     */
    public MetricsReport metrics(ClientId clientId, String deploymentId, Instant start, Instant end,
                                 Interval interval, Set<Metric> metrics) {
        Instant to = end == null ? clock.instant().plusMillis(1) : end; // absent: up to and including now
        Instant from = start == null ? to.minus(DEFAULT_RANGE) : start;
        Interval step = interval == null ? Interval.ONE_MINUTE : interval;
        if (!from.isBefore(to)) {
            throw ServiceException.validation("start_time must be before end_time");
        }
        Instant alignedFrom = alignDown(from, step);
        Instant alignedTo = alignDown(to.minusNanos(1), step).plus(step.length());
        long points = Duration.between(alignedFrom, alignedTo).dividedBy(step.length());
        if (points > MAX_POINTS) {
            throw ServiceException.validation(tooLong(step, points));
        }
        Deployments.require(deployments, clientId, deploymentId);
        List<UsageTotals> minutes = usage.find(clientId, deploymentId, alignedFrom, alignedTo);
        List<Acc> buckets = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            buckets.add(new Acc(alignedFrom.plus(step.length().multipliedBy(i))));
        }
        Acc all = new Acc(alignedFrom);
        for (UsageTotals minute : minutes) {
            int index = (int) Duration.between(alignedFrom, minute.minute()).dividedBy(step.length());
            if (index >= 0 && index < buckets.size()) {
                buckets.get(index).add(minute);
                all.add(minute);
            }
        }
        double stepSeconds = step.length().toSeconds();
        List<Point> series = buckets.stream().map(b -> b.point(stepSeconds)).toList();
        Set<Metric> wanted = metrics == null || metrics.isEmpty() ? Set.of(Metric.values()) : Set.copyOf(metrics);
        return new MetricsReport(deploymentId, alignedFrom, alignedTo, step, wanted, series,
                all.point(Duration.between(alignedFrom, alignedTo).toSeconds()));
    }

    private static String tooLong(Interval step, long points) {
        String message = "The range holds " + points + " intervals of " + step.wire() + ", more than " + MAX_POINTS
                + ": ";
        for (Interval coarser : Interval.values()) {
            if (coarser.length().compareTo(step.length()) > 0
                    && step.length().multipliedBy(points).dividedBy(coarser.length()) < MAX_POINTS) {
                return message + "use interval=" + coarser.wire() + " or a shorter range";
            }
        }
        return message + "use a shorter range";
    }

    /** Epoch-aligned (UTC): a day starts at midnight UTC. */
    static Instant alignDown(Instant instant, Interval interval) {
        long seconds = interval.length().toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    /** The sums of one interval. */
    private static final class Acc {
        private final Instant start;
        private long requests;
        private long errors;
        private long prompt;
        private long completion;
        private long latencyMillis;
        private final LatencySketch sketch = new LatencySketch();

        Acc(Instant start) {
            this.start = start;
        }

        void add(UsageTotals minute) {
            requests += minute.requests();
            errors += minute.errors();
            prompt += minute.promptTokens();
            completion += minute.completionTokens();
            latencyMillis += minute.latencyMillis();
            sketch.merge(minute.latency());
        }

        Point point(double seconds) {
            boolean none = requests == 0;
            boolean noSketch = sketch.isEmpty();
            return new Point(start, requests, errors, prompt, completion,
                    none ? null : round((double) latencyMillis / requests),
                    noSketch ? null : round(sketch.quantile(0.50)), noSketch ? null : round(sketch.quantile(0.95)),
                    noSketch ? null : round(sketch.quantile(0.99)),
                    round(requests / seconds), none ? 0 : round(100.0 * errors / requests));
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
