package com.securemodel.core.batch;

/**
 * How many lines generate at once: up to the deployment's capacity, halved when the endpoint throttles and raised
 * again by one after as many successes as the current limit (additive increase, multiplicative decrease).
 */
final class AdaptiveLimit {

    private int max;
    private int limit;
    private int inUse;
    private int successes;

    AdaptiveLimit(int max) {
        this.max = Math.max(1, max);
        this.limit = this.max;
    }

    synchronized void acquire() throws InterruptedException {
        while (inUse >= limit) {
            wait();
        }
        inUse++;
    }

    synchronized void release() {
        inUse--;
        notifyAll();
    }

    synchronized void succeeded() {
        if (limit < max && ++successes >= limit) {
            successes = 0;
            limit++;
            notifyAll();
        }
    }

    synchronized void throttled() {
        limit = Math.max(1, limit / 2);
        successes = 0;
    }

    /** Sets the capacity (once the deployment is known). */
    synchronized void capacity(int capacity) {
        max = Math.max(1, capacity);
        limit = max;
        notifyAll();
    }

    synchronized int limit() {
        return limit;
    }
}
