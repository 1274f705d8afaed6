package com.securemodel.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one request {@code total} times from {@code clients} concurrent threads (closed loop: each client sends its
 * next request when the last one answered) and keeps every latency.
 */
final class LoadRun {

    /** One request; throws when the answer is not what was expected. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** Latencies in milliseconds, the wall time of the whole run and the CPU time its client threads used. */
    record Result(String name, double[] latenciesMs, double wallSeconds, double clientCpuMs) {

        double requestsPerSecond() {
            return latenciesMs.length / wallSeconds;
        }

        double p50() {
            return Stats.quantile(latenciesMs, 0.50);
        }

        double p99() {
            return Stats.quantile(latenciesMs, 0.99);
        }

        void print() {
            System.out.printf(Locale.ROOT, "%-44s %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  (%d requests)%n", name,
                    requestsPerSecond(), p50(), p99(), latenciesMs.length);
        }
    }

    private LoadRun() {
    }

    static Result run(String name, int clients, int total, Call call) throws Exception {
        double[] latencies = new double[total];
        AtomicInteger next = new AtomicInteger();
        AtomicLong clientCpuNanos = new AtomicLong();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        call.run();
                        latencies[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    clientCpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return new Result(name, latencies, (System.nanoTime() - start) / 1e9, clientCpuNanos.get() / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }
}
