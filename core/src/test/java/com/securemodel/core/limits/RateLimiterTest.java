package com.securemodel.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryRateLimitStore;
import com.securemodel.core.fakes.InMemoryTierStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.tenant.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final ClientId CLIENT = new ClientId("acme");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:20Z"));
    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();
    private final TierResolver tiers = new TierResolver(new TierCatalog(List.of(new Tier("sixty", 1, 1, 60, 1),
            new Tier("thousand", 1, 1, 1000, 1)), "sixty"), new InMemoryTierStore(), clock, Duration.ZERO);

    private RateLimiter instance() {
        return new RateLimiter(store, tiers, clock);
    }

    @Test
    void threeInstancesSharingAStore_admitTheLimitInTotal_andRefuseTheRest() {
        List<RateLimiter> instances = List.of(instance(), instance(), instance());
        int admitted = 0;
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            RateDecision decision = instances.get(i % 3).admit(CLIENT);
            if (decision.admitted()) {
                admitted++;
            } else {
                refused++;
                assertThat(decision.retryAfterSeconds()).isEqualTo(40);
                assertThat(decision.remaining()).isZero();
            }
        }

        assertThat(admitted).isEqualTo(60);
        assertThat(refused).isEqualTo(240);
        assertThat(store.writes()).as("leases, not a write per request").isLessThan(30);
    }

    @Test
    void decisions_sayTheLimitWhatIsLeftAndWhenTheWindowEnds_andANewWindowStartsAgain() {
        RateLimiter limiter = instance();

        RateDecision first = limiter.admit(CLIENT);

        assertThat(first).isEqualTo(new RateDecision(60, 59, Instant.parse("2026-12-02T10:01:00Z").getEpochSecond(),
                true, 0));
        for (int i = 0; i < 59; i++) {
            assertThat(limiter.admit(CLIENT).admitted()).isTrue();
        }
        RateDecision over = limiter.admit(CLIENT);
        assertThat(over.admitted()).isFalse();
        Assertions.assertThatThrownBy(over::requireAdmitted).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED);
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.getMessage()).contains("60 requests per minute", "retry after 40 seconds");
        });

        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.admit(CLIENT).admitted()).isTrue();
    }

    @Test
    void blocksGrowFromOne_upToATwentiethOfTheLimit() {
        assertThat(RateLimiter.blockCap(10)).isEqualTo(1);
        assertThat(RateLimiter.blockCap(600)).isEqualTo(30);
        assertThat(RateLimiter.blockCap(100_000)).isEqualTo(100);
        RateLimiter limiter = instance();
        limiter.admit(CLIENT);
        assertThat(store.writes()).isEqualTo(1);
    }

    @Test
    void storeDown_eachInstanceLimitsAloneForTheWindow() {
        store.failing(true);
        RateLimiter limiter = instance();
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += limiter.admit(CLIENT).admitted() ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(60);
    }

    @Test
    void theNextBlockIsLeasedWhileTheRestOfThisOneIsAdmitted_noRequestWaitsForTheStoreWhileBudgetIsLeft()
            throws Exception {
        RateLimitStore slow = new RateLimitStore() {
            @Override
            public Lease lease(ClientId clientId, Instant windowStart, int amount, int limit, Instant expiresAt) {
                if (store.writes() >= 3) {
                    try {
                        asking.countDown();
                        answer.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return store.lease(clientId, windowStart, amount, limit, expiresAt);
            }
        };
        TierResolver thousand = new TierResolver(new TierCatalog(List.of(new Tier("thousand", 1, 1, 1000, 1)),
                "thousand"), new InMemoryTierStore(), clock, Duration.ZERO);
        RateLimiter limiter = new RateLimiter(slow, thousand, clock);
        // blocks of 1, 2 and 4 (the 4 asked for by the second request, which left 1 of the 2): 3 left after four
        // requests; the fifth leaves 2 of the 4 and asks for the next block (8), which the store holds up
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.admit(CLIENT).admitted()).isTrue();
        }
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var leasing = pool.submit(() -> limiter.admit(CLIENT));
            assertThat(asking.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // while that lease waits for the store, the next request takes from what is left at once
            RateDecision meanwhile = limiter.admit(CLIENT);
            assertThat(meanwhile.admitted()).isTrue();
            answer.countDown();
            assertThat(leasing.get(5, java.util.concurrent.TimeUnit.SECONDS).admitted()).isTrue();
        } finally {
            answer.countDown();
            pool.shutdownNow();
        }
        assertThat(store.writes()).isEqualTo(4);
        // the eight of the fourth lease, then the fifth (16) is asked for
        for (int i = 0; i < 8; i++) {
            assertThat(limiter.admit(CLIENT).admitted()).isTrue();
        }
        assertThat(store.writes()).isEqualTo(5);
    }

    private final java.util.concurrent.CountDownLatch asking = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);

    @Test
    void manyConcurrentRequests_admitExactlyTheLimit() throws Exception {
        List<RateLimiter> instances = List.of(instance(), instance());
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                RateLimiter limiter = instances.get(i % 2);
                calls.add(pool.submit(() -> {
                    if (limiter.admit(CLIENT).admitted()) {
                        admitted.incrementAndGet();
                    }
                }));
            }
            for (var call : calls) {
                call.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admitted.get()).isEqualTo(60);
    }

    @Test
    void aLeaseStillUnderWayWhenTheMinuteEnds_neitherHoldsUpTheNewMinuteNorCountsInIt() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RateLimitStore slow = new RateLimitStore() {
            @Override
            public Lease lease(ClientId clientId, Instant windowStart, int amount, int limit, Instant expiresAt) {
                if (windowStart.equals(Instant.parse("2026-12-02T10:00:00Z"))) {
                    asked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return store.lease(clientId, windowStart, amount, limit, expiresAt);
            }
        };
        RateLimiter limiter = new RateLimiter(slow, tiers, clock);
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var first = pool.submit(() -> limiter.admit(CLIENT)); // the 10:00 window's first lease, held up
            assertThat(asked.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofSeconds(45)); // 10:01:05

            RateDecision next = limiter.admit(CLIENT);
            assertThat(next.admitted()).isTrue();
            assertThat(next.resetEpochSeconds()).isEqualTo(Instant.parse("2026-12-02T10:02:00Z").getEpochSecond());
            assertThat(next.remaining()).isEqualTo(59);

            release.countDown();
            // the held request is decided in the window it ends up in, from that window's budget
            RateDecision held = first.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(held.admitted()).isTrue();
            assertThat(held.resetEpochSeconds()).isEqualTo(next.resetEpochSeconds());
            // the old window's block was not added to the new one: 58 more, then refused
            for (int i = 0; i < 58; i++) {
                assertThat(limiter.admit(CLIENT).admitted()).isTrue();
            }
            assertThat(limiter.admit(CLIENT).admitted()).isFalse();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
