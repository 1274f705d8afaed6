package com.securemodel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of this process's threads, read from {@code /proc/self/task} (native time included, so llama.cpp's
 * too), grouped by what the threads do in a benchmark of the whole local service. A snapshot before and after a run
 * gives each group's CPU per call. Threads that ended between the snapshots are missed: the load generator's are
 * counted by {@link LoadRun} instead. Linux only; elsewhere the snapshots are empty.
 */
final class ThreadCpu {

    /** Thread-name prefixes (as /proc gives them, 15 characters at most) and their group, first match wins. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("http-nio", "web server + httpApi (its SDK call included)");
        GROUPS.put("sagemaker-emula", "SageMaker emulator + llama.cpp");
        GROUPS.put("HTTP-Dispatcher", "SageMaker emulator + llama.cpp");
        GROUPS.put("SQLiteQueue", "DynamoDB Local (usage, audit, log writes)");
        GROUPS.put("qtp", "DynamoDB Local (usage, audit, log writes)");
        GROUPS.put("usage-flush", "DynamoDB Local (usage, audit, log writes)");
        GROUPS.put("C1 CompilerThre", "JIT compilers");
        GROUPS.put("C2 CompilerThre", "JIT compilers");
        GROUPS.put("GC ", "GC");
        GROUPS.put("G1 ", "GC");
    }

    private final Map<String, Long> ticks;

    private ThreadCpu(Map<String, Long> ticks) {
        this.ticks = ticks;
    }

    static ThreadCpu snapshot() {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return new ThreadCpu(ticks);
        }
        try (var list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // utime and stime, fields 14 and 15 of stat(5), in clock ticks
                    ticks.put(task.getFileName() + "/" + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while the list was read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ThreadCpu(ticks);
    }

    /**
     * Prints the CPU milliseconds per call that each group used from {@code before} to this snapshot, with the load
     * generator's from {@code run}.
     */
    void printSince(ThreadCpu before, LoadRun.Result run) {
        double msPerTick = 1000.0 / 100; // USER_HZ is 100 on Linux
        int calls = run.latenciesMs().length;
        Map<String, Double> groups = new LinkedHashMap<>();
        groups.put("load generator (the benchmark's client threads)", run.clientCpuMs());
        ticks.forEach((thread, now) -> {
            long used = now - before.ticks.getOrDefault(thread, 0L);
            if (used > 0) {
                groups.merge(group(thread.substring(thread.indexOf('/') + 1)), used * msPerTick, Double::sum);
            }
        });
        double total = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "  CPU per call of %s: %.2f ms (%s)%n", run.name(), total / calls,
                groups.entrySet().stream().filter(e -> e.getValue() / calls >= 0.005)
                        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / calls))
                        .collect(Collectors.joining(", ")));
    }

    private static String group(String threadName) {
        return GROUPS.entrySet().stream().filter(e -> threadName.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("other");
    }
}
