package com.securemodel.core.endpoint;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.endpoint.Endpoint.Kind;
import com.securemodel.core.endpoint.Endpoint.Target;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficSplitterTest {

    private static final int DRAWS = 10_000;

    private static Endpoint canary(int... percentages) {
        List<Target> targets = IntStream.range(0, percentages.length)
                .mapToObj(i -> new Target("dep_" + i, percentages[i])).toList();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Endpoint(CLIENT, "cep_1", "canary", Kind.CANARY, targets, now, now, 1);
    }

    /** One seeded generator for every draw (a new one per draw would repeat its first number). */
    private static TrafficSplitter seeded(long seed) {
        Random random = new Random(seed);
        return new TrafficSplitter(() -> random);
    }

    private static Map<String, Integer> count(Endpoint endpoint, TrafficSplitter splitter, boolean sticky) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(splitter.pick(endpoint, sticky ? "user-" + i : null), 1, Integer::sum);
        }
        return counts;
    }

    private static void assertWithinTwoPoints(Map<String, Integer> counts, int... percentages) {
        for (int i = 0; i < percentages.length; i++) {
            double share = 100.0 * counts.getOrDefault("dep_" + i, 0) / DRAWS;
            assertThat(share).as("share of dep_" + i + " in " + counts).isCloseTo(percentages[i],
                    org.assertj.core.data.Offset.offset(2.0));
        }
    }

    @Test
    void pick_over10000RandomDraws_staysWithinTwoPointsOfEachWeight() {
        for (int[] split : new int[][] {{90, 10}, {50, 50}, {1, 99}, {60, 30, 10}, {25, 25, 25, 25}}) {
            Map<String, Integer> counts = count(canary(split), seeded(7), false);
            assertWithinTwoPoints(counts, split);
        }
    }

    @Test
    void pick_withDefaultRandom_over10000Draws_staysWithinTwoPoints() {
        assertWithinTwoPoints(count(canary(90, 10), new TrafficSplitter(), false), 90, 10);
    }

    @Test
    void pick_over10000StickyKeys_staysWithinTwoPointsOfEachWeight() {
        assertWithinTwoPoints(count(canary(90, 10), new TrafficSplitter(), true), 90, 10);
        assertWithinTwoPoints(count(canary(60, 30, 10), new TrafficSplitter(), true), 60, 30, 10);
    }

    @Test
    void pick_withStickyKey_keepsOneUserOnOneDeployment() {
        TrafficSplitter splitter = new TrafficSplitter();
        Endpoint endpoint = canary(50, 50);
        for (int user = 0; user < 200; user++) {
            String first = splitter.pick(endpoint, "user-" + user);
            for (int call = 0; call < 20; call++) {
                assertThat(splitter.pick(endpoint, "user-" + user)).isEqualTo(first);
            }
        }
    }

    @Test
    void pick_whenTheSplitShiftsTowardsTheCanary_movesUsersOnlyTowardsIt() {
        TrafficSplitter splitter = new TrafficSplitter();
        Endpoint before = canary(90, 10);
        Endpoint after = canary(50, 50);
        int moved = 0;
        for (int user = 0; user < DRAWS; user++) {
            String was = splitter.pick(before, "user-" + user);
            String now = splitter.pick(after, "user-" + user);
            if (was.equals("dep_1")) {
                assertThat(now).as("a canary user stays on the canary").isEqualTo("dep_1");
            } else if (now.equals("dep_1")) {
                moved++;
            }
        }
        assertThat(100.0 * moved / DRAWS).isCloseTo(40.0, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void pick_neverChoosesADeploymentAtZeroPercent() {
        Map<String, Integer> counts = count(canary(100, 0), seeded(3), false);
        assertThat(counts).containsOnlyKeys("dep_0");
        assertThat(count(canary(0, 100), new TrafficSplitter(), true)).containsOnlyKeys("dep_1");
    }

    @Test
    void target_mapsEachBucketToTheFirstCumulativeShareAboveIt() {
        List<Target> targets = canary(90, 10).targets();
        assertThat(TrafficSplitter.target(targets, 0)).isEqualTo("dep_0");
        assertThat(TrafficSplitter.target(targets, 89)).isEqualTo("dep_0");
        assertThat(TrafficSplitter.target(targets, 90)).isEqualTo("dep_1");
        assertThat(TrafficSplitter.target(targets, 99)).isEqualTo("dep_1");
    }
}
