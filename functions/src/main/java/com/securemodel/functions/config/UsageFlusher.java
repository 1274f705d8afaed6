package com.securemodel.functions.config;

import com.securemodel.core.audit.CallJournal;
import com.securemodel.core.usage.UsageRecorder;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Flushes recorded usage every {@link #INTERVAL} on a daemon thread, and once more when the application stops, so
 * that the request path never writes usage itself. (On Lambda the thread runs while the instance is thawed; the
 * HTTP function also flushes after a call once the interval has passed.)
 */
public final class UsageFlusher implements SmartLifecycle {

    /** How often usage leaves for the store. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    /** How long stopping waits for a flush under way. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final UsageRecorder usage;
    private final CallJournal journal;
    private ScheduledExecutorService scheduler;

    public UsageFlusher(UsageRecorder usage) {
        this(usage, null);
    }

    /** @param journal the audit records and request log lines, flushed with usage; may be null */
    public UsageFlusher(UsageRecorder usage, CallJournal journal) {
        this.usage = usage;
        this.journal = journal;
    }

    private void flushIfDue() {
        usage.flushIfDue();
        if (journal != null) {
            journal.flushIfDue();
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("usage-flush")
                .factory());
        scheduler.scheduleWithFixedDelay(this::flushIfDue, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            // a flush under way finishes (interrupting it would abandon its writes half done); none starts after it
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        usage.flush();
        if (journal != null) {
            journal.flush();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
