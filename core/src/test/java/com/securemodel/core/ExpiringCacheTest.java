package com.securemodel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.fakes.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger lookUps = new AtomicInteger();

    private Supplier<String> lookUp(String value) {
        return () -> {
            lookUps.incrementAndGet();
            return value;
        };
    }

    @Test
    void get_withinTheTtl_answersTheRememberedValueWithoutLookingUp() {
        var cache = new ExpiringCache<String, String>(clock, TTL);

        cache.get("k", lookUp("first"));
        clock.advance(TTL.minusMillis(1));

        assertThat(cache.get("k", lookUp("second"))).isEqualTo("first");
        assertThat(lookUps).hasValue(1);
    }

    @Test
    void get_atTheTtlCountedFromTheMiss_looksUpAgain_andRemembersTheNewValue() {
        var cache = new ExpiringCache<String, String>(clock, TTL);
        cache.get("k", lookUp("first"));
        clock.advance(TTL);

        assertThat(cache.get("k", lookUp("second"))).isEqualTo("second");
        clock.advance(TTL.minusMillis(1));
        assertThat(cache.get("k", lookUp("third"))).isEqualTo("second");
        assertThat(lookUps).hasValue(2);
    }

    @Test
    void get_withAZeroTtl_looksUpEveryTime() {
        var cache = new ExpiringCache<String, String>(clock, Duration.ZERO);

        cache.get("k", lookUp("first"));

        assertThat(cache.get("k", lookUp("second"))).isEqualTo("second");
        assertThat(lookUps).hasValue(2);
    }

    @Test
    void get_keepsKeysApart_andRemembersAnEmptyAnswerToo() {
        var cache = new ExpiringCache<String, Optional<String>>(clock, TTL);

        cache.get("a", () -> Optional.of("x"));
        cache.get("b", Optional::empty);

        assertThat(cache.get("a", () -> Optional.of("y"))).contains("x");
        assertThat(cache.get("b", () -> Optional.of("y"))).isEmpty();
    }

    @Test
    void get_whenTheLookUpThrows_remembersNothing() {
        var cache = new ExpiringCache<String, String>(clock, TTL);

        assertThatThrownBy(() -> cache.get("k", () -> {
            throw new IllegalStateException("store down");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(cache.get("k", lookUp("found"))).isEqualTo("found");
    }

    @Test
    void forget_forgetKeys_andForgetValues_makeTheNextGetLookUp() {
        var cache = new ExpiringCache<String, String>(clock, TTL);
        cache.get("c1\na", lookUp("dep_1"));
        cache.get("c1\nb", lookUp("dep_2"));
        cache.get("c2\na", lookUp("dep_3"));
        cache.get("c2\nb", lookUp("dep_4"));

        cache.forget("c1\na");
        cache.forgetKeys(key -> key.startsWith("c2\n"));
        cache.forgetValues("dep_2"::equals);

        assertThat(List.of(cache.get("c1\na", lookUp("new")), cache.get("c1\nb", lookUp("new")),
                cache.get("c2\na", lookUp("new")), cache.get("c2\nb", lookUp("new")))).containsOnly("new");
    }

    @Test
    void get_whenFull_forgetsEverythingBeforeRememberingTheNewValue() {
        var cache = new ExpiringCache<String, String>(clock, TTL, 2);
        cache.get("a", lookUp("a"));
        cache.get("b", lookUp("b"));

        cache.get("c", lookUp("c"));

        assertThat(cache.get("c", lookUp("c2"))).isEqualTo("c");
        assertThat(cache.get("a", lookUp("a2"))).isEqualTo("a2");
    }

    @Test
    void get_fromManyThreadsAtOnce_answersEachKeysValue() throws Exception {
        var cache = new ExpiringCache<Integer, Integer>(clock, TTL);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int key = i % 50;
                answers.add(pool.submit(() -> cache.get(key, () -> key * 10) == key * 10));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
