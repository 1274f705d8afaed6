package com.securemodel.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PriorityAdmissionTest {

    private final PriorityAdmission admission = new PriorityAdmission(Duration.ofSeconds(10));

    @Test
    void atCapacity_waitingRequestsRunByPriority_lowerFirst() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            Future<?> busy = pool.submit(() -> admission.run("dep", 1, 0, () -> await(release)));
            waitUntil(() -> true);
            Thread.sleep(100);
            Future<?> low = pool.submit(() -> admission.run("dep", 1, 5, () -> order.add(5)));
            waitUntil(() -> admission.waiting("dep") == 1);
            Future<?> high = pool.submit(() -> admission.run("dep", 1, 1, () -> order.add(1)));
            waitUntil(() -> admission.waiting("dep") == 2);

            release.countDown();
            busy.get(5, TimeUnit.SECONDS);
            low.get(5, TimeUnit.SECONDS);
            high.get(5, TimeUnit.SECONDS);
        }
        assertThat(order).containsExactly(1, 5);
    }

    @Test
    void throttledWork_isTriedAgain_untilItRuns() {
        AtomicInteger attempts = new AtomicInteger();

        String result = admission.run("dep", 1, 0, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ServiceException(ErrorCode.RATE_LIMIT_EXCEEDED, "busy");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void waitingPastTheLimit_isRateLimitExceeded() throws Exception {
        PriorityAdmission quick = new PriorityAdmission(Duration.ofMillis(200));
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            pool.submit(() -> quick.run("dep", 1, 0, () -> await(release)));
            Thread.sleep(50);
            assertThatThrownBy(() -> quick.run("dep", 1, 0, () -> "never"))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED));
            release.countDown();
        }
    }

    private static Object await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
