package com.securemodel.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Values remembered for a fixed time after they were looked up, so that a burst of calls reads a store once per
 * {@code ttl}. An entry counts from the instant of the lookup that missed and is stale from {@code now + ttl} on; a
 * zero {@code ttl} remembers nothing. A lookup that throws leaves nothing behind. When {@code maxEntries} are held the
 * next miss forgets them all (the entries are short-lived, so they are soon looked up again).
 *
 * <p>Safe for concurrent use: two callers that miss the same key at once may both look it up, and the last value
 * stays.
 *
 * @param <K> the key
 * @param <V> the value (a lookup's answer, absent ones included)
 */
public final class ExpiringCache<K, V> {

    /** How many entries are held at most by default. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private record Entry<V>(V value, Instant until) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /** @param ttl how long a value is remembered (zero: never) */
    public ExpiringCache(Clock clock, Duration ttl) {
        this(clock, ttl, DEFAULT_MAX_ENTRIES);
    }

    public ExpiringCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    /** @return the value remembered for {@code key} while it is fresh, else {@code lookUp}'s, remembered from now */
    public V get(K key, Supplier<? extends V> lookUp) {
        Instant now = clock.instant();
        Entry<V> cached = entries.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.value();
        }
        V found = lookUp.get();
        if (!ttl.isZero()) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(found, now.plus(ttl)));
        }
        return found;
    }

    /** Forgets the value of this key. */
    public void forget(K key) {
        entries.remove(key);
    }

    /** Forgets the values of every key that matches. */
    public void forgetKeys(Predicate<? super K> which) {
        entries.keySet().removeIf(which);
    }

    /** Forgets every value that matches. */
    public void forgetValues(Predicate<? super V> which) {
        entries.values().removeIf(entry -> which.test(entry.value()));
    }
}
