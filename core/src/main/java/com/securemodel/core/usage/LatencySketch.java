package com.securemodel.core.usage;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A mergeable quantile sketch of latencies with bounded relative error: DDSketch's logarithmic buckets
 * (Masson, Rim, Lee, VLDB 2019). A value {@code v > 0} counts in bucket {@code ceil(log(v) / log(gamma))} with
 * {@code gamma = (1 + a) / (1 - a)}; a bucket answers {@code 2 * gamma^i / (gamma + 1)}, within relative error
 * {@code a} of every value it holds. Values of zero or less count apart. Two sketches merge by adding their
 * buckets, so per-minute sketches stored as counters (added atomically by several instances) merge into any
 * interval with the same guarantee. Not thread-safe: callers guard it.
 *
 * @see <a href="https://arxiv.org/abs/1908.10693">DDSketch</a>
 */
public final class LatencySketch {

    /** The relative accuracy of every quantile: 1%. */
    public static final double RELATIVE_ACCURACY = 0.01;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private final NavigableMap<Integer, Long> buckets = new TreeMap<>();
    private long zeros;
    private long count;

    /** @return a sketch of these buckets (bucket index to count) and this many values of zero or less */
    public static LatencySketch of(Map<Integer, Long> buckets, long zeros) {
        LatencySketch sketch = new LatencySketch();
        buckets.forEach((index, n) -> sketch.add(index, n));
        sketch.zeros = zeros;
        sketch.count += zeros;
        return sketch;
    }

    /** Counts one value (for example a latency in milliseconds). */
    public void accept(double value) {
        if (value <= 0) {
            zeros++;
            count++;
        } else {
            add(index(value), 1);
        }
    }

    /** Adds every value of {@code other} to this sketch. */
    public void merge(LatencySketch other) {
        other.buckets.forEach(this::add);
        zeros += other.zeros;
        count += other.zeros;
    }

    /**
     * @param q from 0 to 1
     * @return the value at rank {@code floor(q * (count - 1))} of the sorted values, within the relative accuracy;
     *         NaN when empty
     */
    public double quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("q must be from 0 to 1, was " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.floor(q * (count - 1));
        if (rank < zeros) {
            return 0;
        }
        long seen = zeros;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen > rank) {
                return value(bucket.getKey());
            }
        }
        return value(buckets.lastKey());
    }

    public long count() {
        return count;
    }

    public long zeros() {
        return zeros;
    }

    /** @return bucket index to count, ascending; a copy */
    public NavigableMap<Integer, Long> buckets() {
        return new TreeMap<>(buckets);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public LatencySketch copy() {
        return of(buckets, zeros);
    }

    /** @return the bucket a positive value counts in */
    public static int index(double value) {
        return (int) Math.ceil(Math.log(value) / LOG_GAMMA);
    }

    /** @return the value a bucket answers */
    public static double value(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    private void add(int index, long n) {
        if (n <= 0) {
            return;
        }
        buckets.merge(index, n, Long::sum);
        count += n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencySketch other && zeros == other.zeros && buckets.equals(other.buckets);
    }

    @Override
    public int hashCode() {
        return buckets.hashCode() * 31 + Long.hashCode(zeros);
    }

    @Override
    public String toString() {
        return "LatencySketch[count=" + count + ", zeros=" + zeros + ", buckets=" + buckets.size() + "]";
    }
}
