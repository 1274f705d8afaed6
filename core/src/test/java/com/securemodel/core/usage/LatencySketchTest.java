package com.securemodel.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencySketchTest {

    /**
     * A recorded-like trace: mostly fast calls around 120 ms, a slow tail of long generations up to 30 s, some
     * failures answered in 0-3 ms. Seeded, so the trace is the same on every run.
     */
    private static long[] trace(int n, long seed) {
        Random random = new Random(seed);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            values[i] = u < 0.02 ? random.nextInt(4)
                    : u < 0.90 ? Math.round(Math.exp(Math.log(120) + 0.35 * random.nextGaussian()))
                    : Math.round(800 + random.nextDouble() * 29_200);
        }
        return values;
    }

    private static double exact(long[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    @Test
    void percentiles_areWithinTwoPercentOfTheExactValues_onARecordedTrace() {
        long[] values = trace(50_000, 42);
        LatencySketch sketch = new LatencySketch();
        Arrays.stream(values).forEach(sketch::accept);
        long[] sorted = values.clone();
        Arrays.sort(sorted);

        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
            double expected = exact(sorted, q);
            assertThat(sketch.quantile(q)).as("p%s", q * 100).isCloseTo(expected, within(expected * 0.02));
        }
    }

    @Test
    void sketchesMergedFromMinutes_answerLikeOneSketchOfTheWholeTrace() {
        long[] values = trace(20_000, 7);
        List<LatencySketch> minutes = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (i % 1000 == 0) {
                minutes.add(new LatencySketch());
            }
            minutes.getLast().accept(values[i]);
        }
        LatencySketch merged = new LatencySketch();
        // as stored: bucket counters, read back per minute and added
        minutes.forEach(m -> merged.merge(LatencySketch.of(m.buckets(), m.zeros())));
        long[] sorted = values.clone();
        Arrays.sort(sorted);

        assertThat(merged.count()).isEqualTo(values.length);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            double expected = exact(sorted, q);
            assertThat(merged.quantile(q)).isCloseTo(expected, within(expected * 0.02));
        }
    }

    @Test
    void zeros_countApart_andAnEmptySketchAnswersNaN() {
        LatencySketch sketch = new LatencySketch();
        assertThat(sketch.quantile(0.5)).isNaN();
        sketch.accept(0);
        sketch.accept(0);
        sketch.accept(100);

        assertThat(sketch.quantile(0.5)).isZero();
        assertThat(sketch.quantile(1)).isCloseTo(100, within(1.0));
    }
}
