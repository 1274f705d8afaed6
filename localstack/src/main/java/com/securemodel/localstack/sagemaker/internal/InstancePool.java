package com.securemodel.localstack.sagemaker.internal;

import com.securemodel.localstack.llm.TextGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The instances of one production variant: one {@link TextGenerator} per instance, so N requests run at once;
 * the rest wait in a fair (first come, first served) queue of at most {@code maxQueued}; beyond that a request is
 * refused with {@link Busy}. A retired pool serves no new request: idle generators close at once, busy ones when
 * their request ends, and waiting requests get {@link Retired} so the caller can move them to the new pool.
 */
final class InstancePool {

    private static final long POLL_MILLIS = 50;
    /** The most instances autoscaling may give one variant. */
    static final int MAX_INSTANCES = 64;

    private final String variantName;
    private final String modelId;
    private final AtomicInteger size;
    private final int maxQueued;
    private final ArrayBlockingQueue<TextGenerator> idle;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicLong invocations = new AtomicLong();
    private boolean retired;

    InstancePool(String variantName, String modelId, List<TextGenerator> generators, int maxQueued) {
        this.variantName = variantName;
        this.modelId = modelId;
        this.size = new AtomicInteger(generators.size());
        this.maxQueued = maxQueued;
        this.idle = new ArrayBlockingQueue<>(Math.max(MAX_INSTANCES, generators.size()), true, generators);
    }

    String variantName() {
        return variantName;
    }

    String modelId() {
        return modelId;
    }

    int size() {
        return size.get();
    }

    /** @return the requests served since the last call (the autoscaler's load metric) */
    long takeInvocations() {
        return invocations.getAndSet(0);
    }

    /** Adds an instance (autoscaling out); false, and the generator closed, when the pool was retired meanwhile. */
    boolean grow(TextGenerator generator) {
        synchronized (this) {
            if (!retired && size.get() < MAX_INSTANCES) {
                idle.add(generator);
                size.incrementAndGet();
                return true;
            }
        }
        generator.close();
        return false;
    }

    /** Removes an idle instance (autoscaling in); false when every instance is busy or only one is left. */
    boolean shrink() {
        TextGenerator removed;
        synchronized (this) {
            if (retired || size.get() <= 1 || (removed = idle.poll()) == null) {
                return false;
            }
            size.decrementAndGet();
        }
        removed.close();
        return true;
    }

    /** Runs {@code work} on a free instance, waiting for one in turn. */
    <T> T serve(Function<TextGenerator, T> work) {
        if (admitted.incrementAndGet() > size.get() + maxQueued) {
            admitted.decrementAndGet();
            throw new Busy();
        }
        invocations.incrementAndGet();
        try {
            TextGenerator generator = take();
            try {
                return work.apply(generator);
            } finally {
                release(generator);
            }
        } finally {
            admitted.decrementAndGet();
        }
    }

    void retire() {
        List<TextGenerator> toClose = new ArrayList<>();
        synchronized (this) {
            retired = true;
            idle.drainTo(toClose);
        }
        toClose.forEach(TextGenerator::close);
    }

    private TextGenerator take() {
        try {
            TextGenerator generator;
            while ((generator = idle.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                if (isRetired()) {
                    throw new Retired();
                }
            }
            return generator;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Retired();
        }
    }

    private void release(TextGenerator generator) {
        synchronized (this) {
            if (!retired) {
                idle.add(generator);
                return;
            }
        }
        generator.close();
    }

    private synchronized boolean isRetired() {
        return retired;
    }

    /** Every instance is busy and the queue is full: the caller answers the runtime's throttling error. */
    static final class Busy extends RuntimeException {
        Busy() {
            super(null, null, false, false);
        }
    }

    /** The pool was replaced (UpdateEndpoint) or removed (DeleteEndpoint) while the request waited. */
    static final class Retired extends RuntimeException {
        Retired() {
            super(null, null, false, false);
        }
    }
}
