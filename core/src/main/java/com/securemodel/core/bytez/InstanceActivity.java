package com.securemodel.core.bytez;

import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs reset an instance's {@code expiresAt} and count its {@code inferences} without a DynamoDB write per request:
 * a warm process writes an instance at most once per {@link #WRITE_INTERVAL} (the first run after a quiet interval
 * writes at once; later ones wait in memory for the next write or the periodic {@link #flush()}). So the stored
 * {@code expiresAt} trails the last run by less than the interval, and the sweep waits that much longer.
 */
public final class InstanceActivity {

    /** At most one write per instance and process in this interval. */
    public static final Duration WRITE_INTERVAL = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(InstanceActivity.class.getName());

    private record Key(ClientId clientId, String modelId, String deploymentId) {
    }

    private static final class Pending {
        long inferences;
        Instant expiresAt;
        Instant lastWrite;
    }

    private final BytezInstanceStore store;
    private final Clock clock;
    private final Duration interval;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();

    public InstanceActivity(BytezInstanceStore store, Clock clock) {
        this(store, clock, WRITE_INTERVAL);
    }

    InstanceActivity(BytezInstanceStore store, Clock clock, Duration interval) {
        this.store = store;
        this.clock = clock;
        this.interval = interval;
    }

    /** One run on {@code instance}: counts it and moves its expiry to now plus its period. */
    public void record(BytezInstance instance) {
        Instant now = clock.instant();
        Key key = new Key(instance.clientId(), instance.modelId(), instance.deploymentId());
        pending.compute(key, (k, p) -> {
            Pending next = p == null ? new Pending() : p;
            next.inferences++;
            next.expiresAt = now.plus(instance.period());
            if (next.lastWrite == null || !now.isBefore(next.lastWrite.plus(interval))) {
                write(k, next, now);
            }
            return next;
        });
    }

    /** @return runs on this instance that this process has not written yet */
    public long unwritten(BytezInstance instance) {
        Pending p = pending.get(new Key(instance.clientId(), instance.modelId(), instance.deploymentId()));
        return p == null ? 0 : p.inferences;
    }

    /** Writes every instance with unwritten runs whose last write is older than the interval. */
    public void flushDue() {
        flush(false);
    }

    /** Writes every instance with unwritten runs (at shutdown). */
    public void flush() {
        flush(true);
    }

    private void flush(boolean all) {
        Instant now = clock.instant();
        for (Key key : List.copyOf(pending.keySet())) {
            pending.computeIfPresent(key, (k, p) -> {
                if (p.inferences > 0 && (all || !now.isBefore(p.lastWrite.plus(interval)))) {
                    write(k, p, now);
                }
                return p.inferences == 0 && now.isAfter(p.lastWrite.plus(interval.multipliedBy(12))) ? null : p;
            });
        }
    }

    private void write(Key key, Pending p, Instant now) {
        try {
            store.touch(key.clientId(), key.modelId(), key.deploymentId(), p.expiresAt, p.inferences, now);
            p.inferences = 0;
            p.lastWrite = now;
        } catch (RuntimeException e) {
            // kept for the next write; the run itself goes on
            LOG.log(System.Logger.Level.WARNING, "Recording instance activity failed; retried on the next flush", e);
            if (p.lastWrite == null) {
                p.lastWrite = now;
            }
        }
    }
}
