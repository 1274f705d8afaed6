package com.securemodel.bench;

import java.util.Arrays;

/** Small helpers for printing benchmark numbers. */
final class Stats {

    private Stats() {
    }

    /** The q-quantile (0..1) of the values, nearest-rank. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Reads {@code name=value} from args, or the default. */
    static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
