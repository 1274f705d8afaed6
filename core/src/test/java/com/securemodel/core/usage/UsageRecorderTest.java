package com.securemodel.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.fakes.InMemoryUsageStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.tenant.ClientId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageRecorderTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryUsageStore store = new InMemoryUsageStore();
    private final UsageRecorder recorder = new UsageRecorder(store, clock, Duration.ofSeconds(5));
    private final ClientId acme = new ClientId("acme");

    private UsageEvent event(String deployment, Instant at, boolean failed) {
        return new UsageEvent(acme, deployment, 10, 4, 25, failed, at);
    }

    @Test
    void calls_areSummedPerDeploymentAndMinute_andWrittenOnlyWhenFlushed() {
        Instant minute = Instant.parse("2026-01-01T10:00:00Z");
        recorder.record(event("dep_a", minute.plusSeconds(1), false));
        recorder.record(event("dep_a", minute.plusSeconds(59), true));
        recorder.record(event("dep_a", minute.plusSeconds(61), false));
        recorder.record(event("dep_b", minute.plusSeconds(2), false));
        assertThat(store.added()).isEmpty();

        recorder.flush();

        assertThat(store.added()).hasSize(3);
        assertThat(store.find(acme, "dep_a", minute, minute.plusSeconds(60))).singleElement()
                .isEqualTo(new UsageTotals(acme, "dep_a", minute, 2, 1, 20, 8, 50, LatencySketch.of(
                        java.util.Map.of(LatencySketch.index(25), 2L), 0)));
    }

    @Test
    void flushIfDue_waitsForTheInterval() {
        recorder.record(event("dep_a", clock.instant(), false));

        recorder.flushIfDue();
        assertThat(store.added()).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        recorder.flushIfDue();

        assertThat(store.added()).hasSize(1);
    }

    @Test
    void aFailedFlush_keepsTheSums_forTheNextOne() {
        recorder.record(event("dep_a", clock.instant(), false));
        store.failing(true);
        recorder.flush();
        store.failing(false);
        recorder.record(event("dep_a", clock.instant(), false));

        recorder.flush();

        assertThat(store.added()).singleElement().satisfies(t -> assertThat(t.requests()).isEqualTo(2));
    }
}
