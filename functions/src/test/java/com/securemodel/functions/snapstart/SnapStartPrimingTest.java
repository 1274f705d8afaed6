package com.securemodel.functions.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.RandomIdGenerator;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    @Test
    void beforeCheckpoint_runsEverySampleEventThroughTheFunction() {
        // given
        List<String> seen = new ArrayList<>();
        SnapStartPriming priming = new SnapStartPriming(SnapStartConfiguration.events(),
                event -> seen.add(new String(event, StandardCharsets.UTF_8)), () -> { });

        // when
        priming.beforeCheckpoint(null);

        // then
        assertThat(seen).hasSize(SnapStartConfiguration.PRIMING_EVENTS.size());
        assertThat(seen.getFirst()).contains("\"rawPath\":\"/health\"");
        assertThat(seen).noneMatch(event -> event.contains("sk-local-dev") || event.contains("\"authorization\""));
    }

    @Test
    void beforeCheckpoint_preparesBeforeTheFirstEvent_andReadsTheEventsOnlyThen() {
        // given
        List<String> steps = new ArrayList<>();
        SnapStartPriming priming = new SnapStartPriming(() -> steps.add("prepare"), () -> {
            steps.add("read events");
            return SnapStartConfiguration.events();
        }, event -> steps.add("event"), () -> { });
        assertThat(steps).as("nothing read before the checkpoint (cold start)").isEmpty();

        // when
        priming.beforeCheckpoint(null);

        // then
        assertThat(steps).startsWith("prepare", "read events", "event")
                .hasSize(2 + SnapStartConfiguration.PRIMING_EVENTS.size());
    }

    @Test
    void afterRestore_twoCopiesOfOneSnapshot_makeDifferentIds() throws Exception {
        // given: two copies restored from one snapshot, whose random sources are in the same state
        RandomIdGenerator first = new RandomIdGenerator(snapshotThenFresh());
        RandomIdGenerator second = new RandomIdGenerator(snapshotThenFresh());
        assertThat(ids(first)).as("copies of one state repeat each other's ids").isEqualTo(ids(second));
        first = new RandomIdGenerator(snapshotThenFresh());
        second = new RandomIdGenerator(snapshotThenFresh());

        // when: each copy runs the restore hook
        new SnapStartPriming(List.of(), event -> { }, first::renew).afterRestore(null);
        new SnapStartPriming(List.of(), event -> { }, second::renew).afterRestore(null);

        // then
        assertThat(ids(first)).doesNotContainAnyElementsOf(ids(second));
    }

    @Test
    void afterRestore_renewsBeforeAnyIdIsMade() {
        // given
        AtomicBoolean renewed = new AtomicBoolean();
        SnapStartPriming priming = new SnapStartPriming(List.of(), event -> { }, () -> renewed.set(true));

        // when
        priming.afterRestore(null);

        // then
        assertThat(renewed).isTrue();
    }

    /** The snapshot's state (a fixed seed) first, then a fresh source as after a restore. */
    private static Supplier<SecureRandom> snapshotThenFresh() throws NoSuchAlgorithmException {
        SecureRandom snapshot = SecureRandom.getInstance("SHA1PRNG");
        snapshot.setSeed(42L);
        AtomicBoolean first = new AtomicBoolean(true);
        return () -> first.getAndSet(false) ? snapshot : new SecureRandom();
    }

    private static List<String> ids(RandomIdGenerator ids) {
        return IntStream.range(0, 20).mapToObj(i -> ids.next("dep")).toList();
    }
}
