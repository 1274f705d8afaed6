package com.securemodel.core.observe;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.InMemoryUsageStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.observe.MetricsReport.Metric;
import com.securemodel.core.usage.UsageEvent;
import com.securemodel.core.usage.UsageRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(2)));
    private final InMemoryDeploymentStore deployments = new InMemoryDeploymentStore();
    private final InMemoryUsageStore usage = new InMemoryUsageStore();
    private final UsageRecorder recorder = new UsageRecorder(usage, clock, Duration.ofSeconds(5));
    private final MetricsService service = new MetricsService(deployments, usage, clock);

    MetricsServiceTest() {
        deployments.create(TestDeployments.deployment("dep_m", DeploymentStatus.RUNNING));
    }

    private void call(Instant at, long latency, boolean failed) {
        recorder.record(new UsageEvent(CLIENT, "dep_m", 10, failed ? 0 : 5, latency, failed, at));
    }

    @Test
    void metrics_mergeMinutesIntoIntervals_withSeriesAndSummary() {
        // given: 3 calls in the first 5 minutes (one failed), 1 in the second
        call(T0.plusSeconds(10), 100, false);
        call(T0.plusSeconds(70), 200, false);
        call(T0.plusSeconds(130), 300, true);
        call(T0.plusSeconds(310), 400, false);
        recorder.flush();

        // when
        MetricsReport report = service.metrics(CLIENT, "dep_m", T0, T0.plus(Duration.ofMinutes(10)),
                Interval.FIVE_MINUTES, Set.of());

        // then
        assertThat(report.points()).hasSize(2);
        MetricsReport.Point first = report.points().getFirst();
        assertThat(first.start()).isEqualTo(T0);
        assertThat(first.requests()).isEqualTo(3);
        assertThat(first.averageMillis()).isEqualTo(200.0);
        assertThat(first.p50Millis()).isCloseTo(200, within(2.0));
        assertThat(first.errorPercentage()).isCloseTo(33.333, within(0.001));
        assertThat(first.requestsPerSecond()).isEqualTo(0.01);
        assertThat(first.promptTokens()).isEqualTo(30);
        assertThat(first.completionTokens()).isEqualTo(10);
        assertThat(report.summary().requests()).isEqualTo(4);
        // rank floor(0.99 * 3) = 2 of [100, 200, 300, 400]
        assertThat(report.summary().p99Millis()).isCloseTo(300, within(3.0));
        assertThat(report.metrics()).containsExactlyInAnyOrder(Metric.values());
    }

    @Test
    void anIntervalWithoutCalls_hasNoLatency_andZeroCounts() {
        MetricsReport report = service.metrics(CLIENT, "dep_m", T0, T0.plus(Duration.ofMinutes(2)),
                Interval.ONE_MINUTE, Set.of(Metric.LATENCY));

        assertThat(report.points()).hasSize(2).allSatisfy(p -> {
            assertThat(p.averageMillis()).isNull();
            assertThat(p.p95Millis()).isNull();
            assertThat(p.requests()).isZero();
        });
    }

    @Test
    void aRangeTooLongForTheInterval_isRefused_namingACoarserInterval() {
        assertThatThrownBy(() -> service.metrics(CLIENT, "dep_m", T0, T0.plus(Duration.ofDays(30)),
                Interval.ONE_MINUTE, Set.of()))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("more than 1440").hasMessageContaining("use interval=1h");
        assertThatThrownBy(() -> service.metrics(CLIENT, "dep_m", T0, T0.plus(Duration.ofDays(3)),
                Interval.ONE_MINUTE, Set.of()))
                .hasMessageContaining("use interval=5m");
    }

    @Test
    void anotherClientsDeployment_isNotFound() {
        assertThatThrownBy(() -> service.metrics(OTHER_CLIENT, "dep_m", null, null, null, Set.of()))
                .isInstanceOf(ServiceException.class).hasMessageContaining("No deployment");
    }

    @Test
    void startNotBeforeEnd_isRefused() {
        assertThatThrownBy(() -> service.metrics(CLIENT, "dep_m", T0, T0, null, Set.of()))
                .hasMessageContaining("start_time must be before end_time");
    }
}
