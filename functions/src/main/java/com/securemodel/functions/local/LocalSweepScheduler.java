package com.securemodel.functions.local;

import com.securemodel.functions.bytez.ExpirySweepFunction;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Local stand-in for the EventBridge schedule: runs the {@code expirySweep} function every interval. */
public final class LocalSweepScheduler implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSweepScheduler.class);

    private final ExpirySweepFunction sweep;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public LocalSweepScheduler(ExpirySweepFunction sweep, Duration interval) {
        this.sweep = sweep;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("expiry-sweep")
                .factory());
        scheduler.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            sweep.apply(Map.of("source", "aws.events", "detail-type", "Scheduled Event"));
        } catch (RuntimeException e) {
            LOG.warn("The expiry sweep failed; it runs again in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
