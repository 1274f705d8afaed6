package com.securemodel.functions.local;

import com.securemodel.functions.batch.SqsBatchWorker;
import org.springframework.context.SmartLifecycle;

/** Runs the batch queue's worker on a background thread while the local service runs. */
public final class LocalBatchWorker implements SmartLifecycle {

    private final SqsBatchWorker worker;
    private volatile Thread thread;

    public LocalBatchWorker(SqsBatchWorker worker) {
        this.worker = worker;
    }

    @Override
    public synchronized void start() {
        thread = Thread.ofPlatform().name("local-batch-worker").daemon(true).start(worker::run);
    }

    @Override
    public synchronized void stop() {
        worker.close();
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
