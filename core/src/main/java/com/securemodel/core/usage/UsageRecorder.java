package com.securemodel.core.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import com.securemodel.core.tenant.ClientId;

/**
 * The one place every dialect's calls record usage. The hot path writes nothing: calls are summed in memory per
 * client, deployment and minute, and {@link #flush()} adds the sums to the {@link UsageStore} with atomic counters
 * (the web server flushes on a timer and at shutdown; Lambda after a call once {@link #flushIfDue()} says so).
 * A flush that fails keeps its sums for the next one.
 *
 * <p>With a {@link PeriodUsageStore}, each client's tokens are also summed per billing period (every deployment and
 * dialect together) and added to its period item by the same flush: what the token quota reads.
 */
public final class UsageRecorder {

    private static final System.Logger LOG = System.getLogger(UsageRecorder.class.getName());

    private record Key(String clientId, String deploymentId, Instant minute) {
    }

    private record PeriodKey(ClientId clientId, Instant periodStart) {
    }

    private final UsageStore store;
    private final Clock clock;
    private final Duration flushInterval;
    private final Map<Key, Accumulator> pending = new ConcurrentHashMap<>();
    private volatile Instant lastFlush;
    private final PeriodUsageStore periods;
    private final Map<PeriodKey, PeriodTotals> pendingPeriods = new ConcurrentHashMap<>();
    private final Map<PeriodKey, LongAdder> recordedTokens = new ConcurrentHashMap<>();

    public UsageRecorder(UsageStore store, Clock clock, Duration flushInterval) {
        this(store, null, clock, flushInterval);
    }

    /** @param periods where each client's tokens per billing period go; null: nowhere */
    public UsageRecorder(UsageStore store, PeriodUsageStore periods, Clock clock, Duration flushInterval) {
        this.periods = periods;
        this.store = store;
        this.clock = clock;
        this.flushInterval = flushInterval;
        this.lastFlush = clock.instant();
    }

    public void record(UsageEvent event) {
        Instant minute = event.at().truncatedTo(ChronoUnit.MINUTES);
        Key key = new Key(event.clientId().value(), event.deploymentId(), minute);
        pending.compute(key, (k, acc) -> {
            Accumulator sum = acc == null ? new Accumulator(event.clientId(), event.deploymentId(), minute) : acc;
            sum.add(event);
            return sum;
        });
        if (periods != null) {
            long tokens = (long) event.promptTokens() + event.completionTokens();
            PeriodKey period = new PeriodKey(event.clientId(), BillingPeriod.of(event.at()).start());
            pendingPeriods.merge(period, new PeriodTotals(event.clientId(), period.periodStart(), 1, tokens),
                    PeriodTotals::plus);
            recordedTokens.computeIfAbsent(period, k -> new LongAdder()).add(tokens);
        }
    }

    /**
     * @return every token this process has recorded for the client in the period starting at {@code periodStart}
     *         (flushed or not); only grows, so a reader can tell what was recorded after it looked
     */
    public long recordedTokens(ClientId clientId, Instant periodStart) {
        LongAdder sum = recordedTokens.get(new PeriodKey(clientId, periodStart));
        return sum == null ? 0 : sum.sum();
    }

    /** @return the client's tokens of that period this process has not flushed yet */
    public long pendingTokens(ClientId clientId, Instant periodStart) {
        PeriodTotals pending = pendingPeriods.get(new PeriodKey(clientId, periodStart));
        return pending == null ? 0 : pending.tokens();
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
        flushPeriods();
        List<UsageTotals> batch = drain(pending).stream().map(Accumulator::totals).toList();
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
            pending.compute(new Key(totals.clientId().value(), totals.deploymentId(), totals.minute()), (k, acc) -> {
                Accumulator sum = acc == null
                        ? new Accumulator(totals.clientId(), totals.deploymentId(), totals.minute()) : acc;
                sum.add(totals);
                return sum;
            });
        }
    }

    private void flushPeriods() {
        if (periods == null) {
            return;
        }
        List<PeriodTotals> batch = drain(pendingPeriods);
        Instant current = BillingPeriod.of(clock.instant()).start();
        recordedTokens.keySet().removeIf(key -> key.periodStart().isBefore(current));
        if (batch.isEmpty()) {
            return;
        }
        List<PeriodTotals> unwritten;
        try {
            unwritten = periods.add(batch);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Period usage flush failed", e);
            unwritten = batch;
        }
        for (PeriodTotals totals : unwritten) {
            pendingPeriods.merge(new PeriodKey(totals.clientId(), totals.periodStart()), totals, PeriodTotals::plus);
        }
    }

    /** @return every value taken out of the map (values added meanwhile stay for the next flush) */
    private static <K, V> List<V> drain(Map<K, V> sums) {
        List<V> taken = new ArrayList<>();
        for (K key : List.copyOf(sums.keySet())) {
            V sum = sums.remove(key);
            if (sum != null) {
                taken.add(sum);
            }
        }
        return taken;
    }

    /** One minute's sums while they are recorded; only touched inside the map's {@code compute}. */
    private static final class Accumulator {

        private final com.securemodel.core.tenant.ClientId clientId;
        private final String deploymentId;
        private final Instant minute;
        private long requests;
        private long errors;
        private long promptTokens;
        private long completionTokens;
        private long latencyMillis;
        private final LatencySketch latency = new LatencySketch();

        Accumulator(com.securemodel.core.tenant.ClientId clientId, String deploymentId, Instant minute) {
            this.clientId = clientId;
            this.deploymentId = deploymentId;
            this.minute = minute;
        }

        void add(UsageEvent event) {
            requests++;
            errors += event.failed() ? 1 : 0;
            promptTokens += event.promptTokens();
            completionTokens += event.completionTokens();
            latencyMillis += event.latencyMillis();
            latency.accept(event.latencyMillis());
        }

        void add(UsageTotals totals) {
            requests += totals.requests();
            errors += totals.errors();
            promptTokens += totals.promptTokens();
            completionTokens += totals.completionTokens();
            latencyMillis += totals.latencyMillis();
            latency.merge(totals.latency());
        }

        UsageTotals totals() {
            return new UsageTotals(clientId, deploymentId, minute, requests, errors, promptTokens, completionTokens,
                    latencyMillis, latency.copy());
        }
    }
}
