package com.securemodel.bench;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.batch.BatchFile;
import com.securemodel.core.batch.BatchFileStore;
import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.batch.BatchPaths;
import com.securemodel.core.batch.BatchProcessor;
import com.securemodel.core.batch.BatchStore;
import com.securemodel.core.batch.BlobStore;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.deployment.SecuritySettings;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.hosting.InvocationResult;
import com.securemodel.core.hosting.ModelInvoker;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.core.usage.UsageStore;
import com.securemodel.core.usage.UsageTotals;
import com.securemodel.functions.http.openai.OpenAiRoutes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Heap used by the batch processor while it works one large file: blobs on local disk, jobs in a map, a model that
 * answers at once. Heap after a full GC is read when the checkpoint passes 10k, 100k and 1M lines (or the file's
 * end); flat means the last is within 32 MiB and 1.5x of the first.
 */
final class HeapRun {

    private static final ClientId CLIENT = new ClientId("bench");
    private static final long MIB = 1024 * 1024;

    private HeapRun() {
    }

    static boolean run(long lines, int perReplica) throws IOException {
        Path dir = Files.createTempDirectory("batch-heap-");
        Path file = dir.resolve("input.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (long i = 0; i < lines; i++) {
                out.write("{\"id\": \"p-" + i + "\", \"prompt\": \"Prompt " + i + ": the patient reports\"}\n");
            }
        }
        String key = BatchPaths.INPUT_PREFIX + CLIENT.value() + "/tiny/heap.jsonl";
        DiskBlobStore blobs = new DiskBlobStore(dir.resolve("bucket"));
        blobs.put(key, file, "application/jsonl");
        Files.delete(file);
        List<Long> marks = new ArrayList<>(List.of(10_000L, 100_000L, 1_000_000L));
        marks.removeIf(mark -> mark > lines);
        if (marks.isEmpty() || marks.getLast() != lines) {
            marks.add(lines);
        }
        List<long[]> heap = new ArrayList<>();
        BatchProcessor.Progress progress = new BatchProcessor.Progress() {
            @Override
            public void committed(BatchJob job) {
                if (!marks.isEmpty() && job.nextLine() >= marks.getFirst()) {
                    heap.add(new long[] {marks.removeFirst(), usedAfterGc()});
                }
            }
        };
        Instant now = Instant.now();
        Deployment deployment = new Deployment(CLIENT, "dep_heap", "securemodel/tiny-random-llama", "tiny", "gpu",
                "g4dn.xlarge", 1, 1, 1, false, "us-east-1", null, Map.of(), ModelConfig.EMPTY, SecuritySettings.EMPTY,
                new HostingPlan("fp16", 1, 1.0, "heap-endpoint"), DeploymentStatus.RUNNING, null, now, now, 1);
        ModelInvoker instant = new ModelInvoker() {
            @Override
            public InvocationResult invoke(String endpointName, com.securemodel.core.hosting.InvocationRequest r) {
                return new InvocationResult(" and a cough.", "length", 8, 4);
            }

            @Override
            public InvocationResult stream(String endpointName, com.securemodel.core.hosting.InvocationRequest r,
                                           java.util.function.Consumer<String> onToken) {
                throw new UnsupportedOperationException();
            }
        };
        GenerationService generation = new GenerationService(new OneDeployment(deployment), instant,
                new UsageRecorder(new NoUsage(), Clock.systemUTC(), Duration.ofSeconds(5)), Clock.systemUTC(),
                IdGenerator.random());
        BatchProcessor processor = new BatchProcessor(new MapBatchStore(), blobs, new MapFileStore(),
                OpenAiRoutes.batchCodec(), generation, Clock.systemUTC(), BatchProcessor.Settings.defaults(perReplica));
        long before = usedAfterGc();
        long start = System.nanoTime();
        BatchProcessor.Outcome outcome = processor.process(key, BatchProcessor.Heartbeat.NONE, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "heap run: %d lines, %s in %.1f s (%.0f lines/s; instant model, blobs on "
                + "disk); heap used after GC before it: %d MiB%n", lines, outcome, seconds, lines / seconds,
                before / MIB);
        for (long[] mark : heap) {
            System.out.printf(Locale.ROOT, "  heap used after %,d lines: %d MiB%n", mark[0], mark[1] / MIB);
        }
        System.out.printf(Locale.ROOT, "  heap used after the result files are assembled: %d MiB%n", after / MIB);
        long first = heap.getFirst()[1];
        long last = Math.max(heap.getLast()[1], after);
        boolean flat = last <= first + 32 * MIB || last <= first * 3 / 2;
        System.out.printf(Locale.ROOT, "heap %s (target: flat, the last within 32 MiB or 1.5x of the first): %s%n",
                flat ? "flat" : "grows", flat ? "met" : "NOT met");
        deleteTree(dir);
        return flat;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Blobs as files under a directory, keys as relative paths. */
    private record DiskBlobStore(Path root) implements BlobStore {

        private Path path(String key) {
            return root.resolve(key);
        }

        @Override
        public Optional<InputStream> open(String key, long offset) {
            try {
                if (!Files.exists(path(key))) {
                    return Optional.empty();
                }
                InputStream in = Files.newInputStream(path(key));
                in.skipNBytes(offset);
                return Optional.of(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<Long> size(String key) {
            try {
                return Files.exists(path(key)) ? Optional.of(Files.size(path(key))) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void put(String key, byte[] bytes, String contentType) {
            try {
                Files.createDirectories(path(key).getParent());
                Files.write(path(key), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void put(String key, Path file, String contentType) {
            try {
                Files.createDirectories(path(key).getParent());
                Files.copy(file, path(key), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void copy(String fromKey, String toKey) {
            put(toKey, path(fromKey), null);
        }

        @Override
        public void delete(String key) {
            try {
                Files.deleteIfExists(path(key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class MapBatchStore implements BatchStore {
        private final Map<String, BatchJob> jobs = new ConcurrentHashMap<>();

        @Override
        public void create(BatchJob job) {
            jobs.put(job.id(), job);
        }

        @Override
        public Optional<BatchJob> find(ClientId clientId, String id) {
            return Optional.ofNullable(jobs.get(id));
        }

        @Override
        public BatchJob update(BatchJob job) {
            BatchJob next = job.withVersion(job.version() + 1);
            jobs.put(job.id(), next);
            return next;
        }

        @Override
        public List<BatchJob> list(ClientId clientId, int limit, String after) {
            return List.copyOf(jobs.values());
        }
    }

    private static final class MapFileStore implements BatchFileStore {
        private final Map<String, BatchFile> files = new ConcurrentHashMap<>();

        @Override
        public void put(BatchFile file) {
            files.put(file.id(), file);
        }

        @Override
        public Optional<BatchFile> find(ClientId clientId, String id) {
            return Optional.ofNullable(files.get(id));
        }

        @Override
        public List<BatchFile> list(ClientId clientId) {
            return List.copyOf(files.values());
        }

        @Override
        public void delete(ClientId clientId, String id) {
            files.remove(id);
        }
    }

    private record OneDeployment(Deployment deployment) implements DeploymentStore {
        @Override
        public Deployment create(Deployment d) {
            return d;
        }

        @Override
        public Optional<Deployment> find(ClientId clientId, String deploymentId) {
            return Optional.of(deployment);
        }

        @Override
        public List<Deployment> list(ClientId clientId) {
            return List.of(deployment);
        }

        @Override
        public Deployment update(Deployment d) {
            return d;
        }
    }

    private static final class NoUsage implements UsageStore {
        @Override
        public List<UsageTotals> add(List<UsageTotals> totals) {
            return List.of();
        }

        @Override
        public List<UsageTotals> find(ClientId clientId, String deploymentId, Instant from, Instant to) {
            return List.of();
        }
    }
}
