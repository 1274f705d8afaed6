package com.securemodel.functions.bytez;

import com.securemodel.core.bytez.InstanceActivity;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Writes Bytez runs not written yet ({@link InstanceActivity}) every write interval on a daemon thread, and all of
 * them when the application stops. (On Lambda the thread runs while the instance is thawed; what a frozen instance
 * holds is at most one interval of runs, which the sweep allows for.)
 */
public final class ActivityFlusher implements SmartLifecycle {

    private final InstanceActivity activity;
    private ScheduledExecutorService scheduler;

    public ActivityFlusher(InstanceActivity activity) {
        this.activity = activity;
    }

    @Override
    public synchronized void start() {
        long millis = InstanceActivity.WRITE_INTERVAL.toMillis();
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("bytez-activity")
                .factory());
        scheduler.scheduleWithFixedDelay(activity::flushDue, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        activity.flush();
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
