package com.securemodel.core.generation;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A fair queue per deployment, ordered by priority (lower first, then arrival), in front of a deployment's
 * capacity: LiteLLM's {@code /queue/chat/completions}. A request runs when fewer than {@code capacity} requests of
 * this deployment are running here and no request ahead of it waits; one that waits longer than the limit fails
 * with {@code rate_limit_exceeded}. When the endpoint itself is full (throttling from other instances), the work
 * is tried again, keeping its place, until the limit.
 */
public final class PriorityAdmission {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final Duration maxWait;

    public PriorityAdmission(Duration maxWait) {
        this.maxWait = maxWait;
    }

    private record Ticket(int priority, long arrival) {
    }

    private static final class Lane {
        final PriorityQueue<Ticket> waiting = new PriorityQueue<>(
                Comparator.comparingInt(Ticket::priority).thenComparingLong(Ticket::arrival));
        int running;
    }

    /**
     * Runs {@code work} once the deployment has room for it.
     *
     * @param capacity how many requests of the deployment may run at once
     * @throws ServiceException rate_limit_exceeded after waiting the limit
     */
    public <T> T run(String deploymentId, int capacity, int priority, Supplier<T> work) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Ticket ticket = new Ticket(priority, arrivals.incrementAndGet());
        while (true) {
            admit(deploymentId, Math.max(1, capacity), ticket, deadline);
            try {
                return work.get();
            } catch (ServiceException e) {
                if (e.code() != ErrorCode.RATE_LIMIT_EXCEEDED || System.nanoTime() > deadline) {
                    throw e;
                }
            } finally {
                release(deploymentId);
            }
            pause();
        }
    }

    /** @return how many requests wait for this deployment now */
    public int waiting(String deploymentId) {
        lock.lock();
        try {
            Lane lane = lanes.get(deploymentId);
            return lane == null ? 0 : lane.waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private void admit(String deploymentId, int capacity, Ticket ticket, long deadline) {
        lock.lock();
        try {
            Lane lane = lanes.computeIfAbsent(deploymentId, id -> new Lane());
            lane.waiting.add(ticket);
            try {
                while (lane.waiting.peek() != ticket || lane.running >= capacity) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new ServiceException(ErrorCode.RATE_LIMIT_EXCEEDED, "Deployment " + deploymentId
                                + " stayed at capacity for " + maxWait.toSeconds() + " s; retry later");
                    }
                    changed.await(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The request was cancelled while queued");
            } finally {
                lane.waiting.remove(ticket);
                changed.signalAll();
            }
            lane.running++;
        } finally {
            lock.unlock();
        }
    }

    private void release(String deploymentId) {
        lock.lock();
        try {
            Lane lane = lanes.get(deploymentId);
            lane.running--;
            if (lane.running == 0 && lane.waiting.isEmpty()) {
                lanes.remove(deploymentId);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The request was cancelled while queued");
        }
    }
}
