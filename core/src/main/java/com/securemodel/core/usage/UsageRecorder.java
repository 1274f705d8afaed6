package com.securemodel.core.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place every dialect's calls record usage. The hot path writes nothing: calls are summed in memory per
 * client, deployment and minute, and {@link #flush()} adds the sums to the {@link UsageStore} with atomic counters
 * (the web server flushes on a timer and at shutdown; Lambda after a call once {@link #flushIfDue()} says so).
 * A flush that fails keeps its sums for the next one.
 */
public final class UsageRecorder {

    private static final System.Logger LOG = System.getLogger(UsageRecorder.class.getName());

    private record Key(String clientId, String deploymentId, Instant minute) {
    }

    private final UsageStore store;
    private final Clock clock;
    private final Duration flushInterval;
    private final Map<Key, UsageTotals> pending = new ConcurrentHashMap<>();
    private volatile Instant lastFlush;

    public UsageRecorder(UsageStore store, Clock clock, Duration flushInterval) {
        this.store = store;
        this.clock = clock;
        this.flushInterval = flushInterval;
        this.lastFlush = clock.instant();
    }

    public void record(UsageEvent event) {
        Instant minute = event.at().truncatedTo(ChronoUnit.MINUTES);
        Key key = new Key(event.clientId().value(), event.deploymentId(), minute);
        pending.compute(key, (k, totals) -> (totals == null
                ? new UsageTotals(event.clientId(), event.deploymentId(), minute, 0, 0, 0, 0, 0) : totals)
                .plus(event));
    }

    /** Flushes when the last flush is older than the interval. */
    public void flushIfDue() {
        if (!clock.instant().isBefore(lastFlush.plus(flushInterval))) {
            flush();
        }
    }

    /** Adds everything recorded so far to the store. */
    public synchronized void flush() {
        lastFlush = clock.instant();
        List<UsageTotals> batch = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            UsageTotals totals = pending.remove(key);
            if (totals != null) {
                batch.add(totals);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<UsageTotals> unwritten;
        try {
            unwritten = store.add(batch);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Usage flush failed", e);
            unwritten = batch;
        }
        if (!unwritten.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Usage flush: {0} items kept for the next flush", unwritten.size());
        }
        for (UsageTotals totals : unwritten) {
            pending.merge(new Key(totals.clientId().value(), totals.deploymentId(), totals.minute()), totals,
                    UsageTotals::plus);
        }
    }
}
