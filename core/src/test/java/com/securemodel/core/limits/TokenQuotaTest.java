package com.securemodel.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryPeriodUsageStore;
import com.securemodel.core.fakes.InMemoryTierStore;
import com.securemodel.core.fakes.InMemoryUsageStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.BillingPeriod;
import com.securemodel.core.usage.UsageEvent;
import com.securemodel.core.usage.UsageRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenQuotaTest {

    private static final ClientId CLIENT = new ClientId("acme");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-31T23:59:00Z"));
    private final InMemoryPeriodUsageStore periods = new InMemoryPeriodUsageStore();
    private final TierResolver tiers = new TierResolver(new TierCatalog(List.of(new Tier("small", 1, 1, 60, 1000)),
            "small"), new InMemoryTierStore(), clock, Duration.ZERO);
    private final UsageRecorder here = new UsageRecorder(new InMemoryUsageStore(), periods, clock,
            Duration.ofSeconds(5));
    private final UsageRecorder elsewhere = new UsageRecorder(new InMemoryUsageStore(), periods, clock,
            Duration.ofSeconds(5));
    private final TokenQuota quota = new TokenQuota(tiers, periods, here, clock, Duration.ofSeconds(5));

    private void record(UsageRecorder recorder, int tokens) {
        recorder.record(new UsageEvent(CLIENT, "dep_1", tokens / 2, tokens - tokens / 2, 5, false, clock.instant()));
    }

    @Test
    void ownCalls_countAtOnce_otherInstancesOnceFlushedAndRead() {
        record(here, 400);
        assertThatCode(() -> quota.check(CLIENT)).doesNotThrowAnyException();

        record(elsewhere, 599);
        elsewhere.flush();
        assertThatCode(() -> quota.check(CLIENT)).as("read 5 s ago").doesNotThrowAnyException();
        record(here, 1);

        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> quota.check(CLIENT)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).contains("used 1000 of the 1000 tokens", "'small' tier",
                    "2027-01-01T00:00:00Z");
        });
        assertThat(quota.used(CLIENT, BillingPeriod.of(clock.instant()), true)).isEqualTo(1000);
    }

    @Test
    void aNewCalendarMonth_startsAtZero() {
        record(here, 1000);
        here.flush();
        assertThatThrownBy(() -> quota.check(CLIENT)).isInstanceOf(ServiceException.class);

        clock.advance(Duration.ofMinutes(1));

        assertThatCode(() -> quota.check(CLIENT)).doesNotThrowAnyException();
        assertThat(BillingPeriod.of(clock.instant()).key()).isEqualTo("2027-01");
    }
}
