package com.securemodel.core.batch;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.GenerateResult;
import com.securemodel.core.generation.GenerationService;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Works one prompt file exactly once: reads it as a stream from its checkpoint on, generates each line on the
 * client's deployment with concurrency sized to the deployment's capacity (instances x requests per instance),
 * backing off on throttling and retrying transient errors with jitter, and commits fixed chunks of lines in order:
 * first the chunk's output and error parts (objects named by the chunk's index, so writing one again replaces it),
 * then the checkpoint (a version-checked update). A run killed at any moment leaves at most one chunk written and
 * not committed; the next run starts at the checkpoint and writes that chunk again, so each line appears exactly
 * once in the assembled output. The result files are assembled from the committed parts at the end.
 */
public final class BatchProcessor {

    /**
     * @param concurrencyPerReplica requests one instance of a deployment serves at once
     * @param chunkSize lines per committed part (fixed per job when it starts)
     * @param chunksInFlight chunks generating at once, so the endpoint stays busy while a chunk commits
     * @param maxAttempts tries per line on throttling and transient errors
     * @param statusCheck how often the reader looks for a cancel between commits (a commit finds it too)
     */
    public record Settings(int concurrencyPerReplica, int chunkSize, int chunksInFlight, int maxAttempts,
                           Duration backoffBase, Duration backoffCap, Duration statusCheck) {

        /**
         * The lines per chunk: each commit costs two object writes and a checkpoint update (on a tiny model's
         * lines, 100-line chunks cost the runner several percent of its throughput), and a cancel does not wait
         * for the chunk's end ({@code statusCheck}), so chunks can be large.
         */
        public static final int DEFAULT_CHUNK_SIZE = 500;

        public Settings(int concurrencyPerReplica, int chunkSize, int chunksInFlight, int maxAttempts,
                        Duration backoffBase, Duration backoffCap) {
            this(concurrencyPerReplica, chunkSize, chunksInFlight, maxAttempts, backoffBase, backoffCap,
                    Duration.ofSeconds(2));
        }

        public static Settings defaults(int concurrencyPerReplica) {
            return new Settings(concurrencyPerReplica, DEFAULT_CHUNK_SIZE, 3, 6, Duration.ofMillis(200),
                    Duration.ofSeconds(20));
        }

        public Settings withChunkSize(int lines) {
            return new Settings(concurrencyPerReplica, lines, chunksInFlight, maxAttempts, backoffBase, backoffCap,
                    statusCheck);
        }

        public Settings withStatusCheck(Duration interval) {
            return new Settings(concurrencyPerReplica, chunkSize, chunksInFlight, maxAttempts, backoffBase,
                    backoffCap, interval);
        }
    }

    /** How a run ended. */
    public enum Outcome {
        /** every line answered, result files written */
        COMPLETED,
        /** the job was already finished: nothing done (a redelivered message) */
        ALREADY_FINISHED,
        CANCELLED,
        EXPIRED,
        /** the key is not {@code batch-input/<client>/<deployment>/<name>} or the object is gone */
        NOT_A_BATCH_FILE,
        /** another run changed the checkpoint: it goes on, this one stopped */
        SUPERSEDED
    }

    /** Called while a file is worked, at least after each commit: extends the queue message's visibility. */
    @FunctionalInterface
    public interface Heartbeat {
        void beat();

        Heartbeat NONE = () -> { };
    }

    /** What a progress display sees. */
    public interface Progress {
        default void started(BatchJob job) {
        }

        default void lineDone(boolean ok, int completionTokens) {
        }

        default void committed(BatchJob job) {
        }

        Progress NONE = new Progress() { };
    }

    private record LineResult(String output, String error, int promptTokens, int completionTokens,
                              Deployment deployment) {
    }

    private record Chunk(long index, long endLine, long endByte, List<CompletableFuture<LineResult>> lines) {
    }

    private final BatchStore store;
    private final BlobStore blobs;
    private final BatchFileStore files;
    private final BatchCodec codec;
    private final GenerationService generation;
    private final Clock clock;
    private final Settings settings;
    private final BatchResults results;

    public BatchProcessor(BatchStore store, BlobStore blobs, BatchFileStore files, BatchCodec codec,
                          GenerationService generation, Clock clock, Settings settings) {
        this.store = store;
        this.blobs = blobs;
        this.files = files;
        this.codec = codec;
        this.generation = generation;
        this.clock = clock;
        this.settings = settings;
        this.results = new BatchResults(store, blobs, files, codec, clock);
    }

    /** Works the file at {@code inputKey} from its checkpoint to the end (or until cancelled). */
    public Outcome process(String inputKey, Heartbeat heartbeat, Progress progress) {
        Optional<BatchPaths> parsed = BatchPaths.parse(inputKey);
        if (parsed.isEmpty() || blobs.size(inputKey).isEmpty()) {
            return Outcome.NOT_A_BATCH_FILE;
        }
        BatchPaths paths = parsed.get();
        BatchJob job = findOrCreate(paths);
        if (job.status().terminal()) {
            results.deleteLeftoverParts(paths, job);
            return Outcome.ALREADY_FINISHED;
        }
        if (clock.instant().isAfter(job.expiresAt())) {
            results.finish(paths, job, BatchStatus.EXPIRED, null);
            return Outcome.EXPIRED;
        }
        if (job.status() == BatchStatus.CANCELLING) {
            results.finish(paths, job, BatchStatus.CANCELLED, null);
            return Outcome.CANCELLED;
        }
        if (job.status() == BatchStatus.VALIDATING) {
            job = store.update(job.counted(countLines(inputKey), clock.instant()));
        }
        progress.started(job);
        if (!job.allDone() && job.status() == BatchStatus.IN_PROGRESS) {
            Outcome stopped = work(paths, job, heartbeat, progress);
            if (stopped != null) {
                return stopped;
            }
            job = store.find(paths.clientId(), job.id()).orElseThrow();
        }
        heartbeat.beat();
        results.finish(paths, job, BatchStatus.COMPLETED, null);
        return Outcome.COMPLETED;
    }

    private BatchJob findOrCreate(BatchPaths paths) {
        String id = BatchPaths.batchId(paths.inputKey());
        Optional<BatchJob> found = store.find(paths.clientId(), id);
        if (found.isPresent()) {
            return found.get();
        }
        BatchJob job = BatchJob.start(paths.clientId(), id, paths.inputKey(), null, null, null,
                settings.chunkSize(), clock.instant());
        try {
            store.create(job);
            return job;
        } catch (ConcurrentUpdateException e) {
            return store.find(paths.clientId(), id).orElseThrow(() -> e);
        }
    }

    private long countLines(String key) {
        try (LineReader reader = new LineReader(blobs.open(key, 0).orElseThrow(), 0)) {
            long lines = 0;
            while (reader.next() != null) {
                lines++;
            }
            return lines;
        }
    }

    /**
     * @return null when every line is committed, else why it stopped. This thread reads lines and starts them as
     *         capacity frees up; one committer thread commits finished chunks in order, so that a commit (two parts
     *         and a checkpoint) never leaves the endpoint idle. At most {@code chunksInFlight} chunks are read and not
     *         yet committed.
     */
    private Outcome work(BatchPaths paths, BatchJob start, Heartbeat heartbeat, Progress progress) {
        AdaptiveLimit limit = new AdaptiveLimit(settings.concurrencyPerReplica());
        AtomicBoolean sized = new AtomicBoolean();
        ExecutorService pool = Executors.newCachedThreadPool(daemon("batch-line"));
        ExecutorService committer = Executors.newSingleThreadExecutor(daemon("batch-commit"));
        Committer commits = new Committer(paths, start, heartbeat, progress, settings.chunksInFlight());
        InputStream input = blobs.open(paths.inputKey(), start.nextByte()).orElseThrow();
        try (LineReader reader = new LineReader(input, start.nextByte())) {
            long line = start.nextLine();
            boolean eof = false;
            long nextStatusCheck = System.nanoTime() + settings.statusCheck().toNanos();
            while (!eof && commits.going()) {
                commits.awaitRoom();
                long index = line / start.chunkSize();
                long end = (index + 1) * start.chunkSize();
                List<CompletableFuture<LineResult>> lines = new ArrayList<>();
                for (; line < end && commits.going(); line++) {
                    if (System.nanoTime() - nextStatusCheck >= 0) {
                        nextStatusCheck = System.nanoTime() + settings.statusCheck().toNanos();
                        commits.stopIfCancelled();
                        if (!commits.going()) {
                            break;
                        }
                    }
                    String text = reader.next();
                    if (text == null) {
                        eof = true;
                        break;
                    }
                    BatchLine parsed = codec.parse(line, text);
                    if (parsed != null) {
                        limit.acquire();
                        Slot slot = new Slot(limit);
                        lines.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                return run(paths, start, parsed, slot, sized, progress);
                            } finally {
                                slot.release();
                            }
                        }, pool));
                    }
                }
                if (!commits.going()) {
                    break;
                }
                if (line > index * start.chunkSize() || !lines.isEmpty()) {
                    Chunk chunk = new Chunk(index, line, reader.offset(), lines);
                    committer.execute(() -> commits.commit(chunk));
                } else {
                    commits.leaveRoom();
                }
            }
            committer.shutdown();
            while (!committer.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                heartbeat.beat();
            }
            return commits.outcome();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "Batch run interrupted", e);
        } finally {
            committer.shutdownNow();
            pool.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Commits chunks in order on one thread, and tells the reader when to stop. */
    private final class Committer {
        private final BatchPaths paths;
        private final Heartbeat heartbeat;
        private final Progress progress;
        private final java.util.concurrent.Semaphore room;
        private volatile BatchJob job;
        private volatile boolean superseded;
        private volatile RuntimeException failure;
        private long lastCommit = System.nanoTime();

        Committer(BatchPaths paths, BatchJob start, Heartbeat heartbeat, Progress progress, int chunksInFlight) {
            this.paths = paths;
            this.job = start;
            this.heartbeat = heartbeat;
            this.progress = progress;
            this.room = new java.util.concurrent.Semaphore(Math.max(1, chunksInFlight));
        }

        boolean going() {
            return !superseded && failure == null;
        }

        /**
         * Stops the run when the job is being cancelled: no line is read after this, the lines in flight finish and
         * nothing more is committed; the cancel then completes as after a refused commit.
         */
        void stopIfCancelled() {
            try {
                store.find(paths.clientId(), job.id())
                        .filter(fresh -> fresh.status() == BatchStatus.CANCELLING)
                        .ifPresent(fresh -> superseded = true);
            } catch (RuntimeException e) {
                // the store is unreachable for now: the next look, or the next commit, finds the cancel
            }
        }

        /** Waits until fewer than {@code chunksInFlight} chunks are read and not committed. */
        void awaitRoom() throws InterruptedException {
            room.acquire();
        }

        /** Gives back the room taken for a chunk that turned out empty. */
        void leaveRoom() {
            room.release();
        }

        void commit(Chunk chunk) {
            try {
                if (!going()) {
                    return;
                }
                long now = System.nanoTime();
                job = BatchProcessor.this.commit(paths, job, chunk, (now - lastCommit) / 1_000_000);
                lastCommit = now;
                progress.committed(job);
                heartbeat.beat();
            } catch (ConcurrentUpdateException e) {
                superseded = true;
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                room.release();
            }
        }

        Outcome outcome() {
            if (failure != null) {
                throw failure;
            }
            return superseded ? stoppedBy(paths, job) : null;
        }
    }

    private Outcome stoppedBy(BatchPaths paths, BatchJob job) {
        BatchJob fresh = store.find(paths.clientId(), job.id()).orElseThrow();
        if (fresh.status() == BatchStatus.CANCELLING) {
            results.finish(paths, fresh, BatchStatus.CANCELLED, null);
            return Outcome.CANCELLED;
        }
        return Outcome.SUPERSEDED;
    }

    private BatchJob commit(BatchPaths paths, BatchJob job, Chunk chunk, long millis) {
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        long ok = 0;
        long bad = 0;
        long in = 0;
        long out = 0;
        Deployment answered = null;
        for (CompletableFuture<LineResult> future : chunk.lines()) {
            LineResult result = future.join();
            if (result.output() != null) {
                output.append(result.output()).append('\n');
                ok++;
            } else {
                errors.append(result.error()).append('\n');
                bad++;
            }
            in += result.promptTokens();
            out += result.completionTokens();
            answered = result.deployment() != null ? result.deployment() : answered;
        }
        blobs.put(paths.partKey(chunk.index(), false), output.toString().getBytes(StandardCharsets.UTF_8),
                BatchResults.JSONL);
        blobs.put(paths.partKey(chunk.index(), true), errors.toString().getBytes(StandardCharsets.UTF_8),
                BatchResults.JSONL);
        return store.update(job.checkpoint(chunk.endLine(), chunk.endByte(), ok, bad, in, out, millis,
                answered == null ? null : answered.instanceType(),
                answered == null ? 0 : Math.max(1, answered.currentReplicas())));
    }

    /**
     * A line's place in the endpoint's capacity: given back as soon as its generation returns, so that writing its
     * output line never keeps the endpoint idle (and at the latest when the line is done).
     */
    private static final class Slot {
        private final AdaptiveLimit limit;
        private final AtomicBoolean held = new AtomicBoolean(true);

        Slot(AdaptiveLimit limit) {
            this.limit = limit;
        }

        void release() {
            if (held.compareAndSet(true, false)) {
                limit.release();
            }
        }
    }

    private LineResult run(BatchPaths paths, BatchJob job, BatchLine line, Slot slot,
                           AtomicBoolean sized, Progress progress) {
        String requestId = BatchResults.requestId(job.id(), line.number());
        LineResult result;
        try {
            result = generate(paths, job, line, slot, sized, requestId);
        } catch (ServiceException e) {
            result = new LineResult(null, codec.failure(line, e, requestId), 0, 0, null);
        } catch (RuntimeException e) {
            result = new LineResult(null, codec.failure(line, new ServiceException(ErrorCode.INTERNAL,
                    "The line could not be answered", e), requestId), 0, 0, null);
        }
        progress.lineDone(result.output() != null, result.completionTokens());
        return result;
    }

    private LineResult generate(BatchPaths paths, BatchJob job, BatchLine line, Slot slot,
                                AtomicBoolean sized, String requestId) {
        if (line.error() != null) {
            throw line.error();
        }
        if (job.endpoint() != null && !job.endpoint().equals(line.url())) {
            throw ServiceException.validation("This batch's endpoint is " + job.endpoint() + "; the line's url is "
                    + line.url());
        }
        String model = paths.deployment() != null ? paths.deployment() : line.model();
        if (model == null || model.isBlank()) {
            throw ServiceException.validation("body.model is required: a deployment id, deployment name or model id");
        }
        Deployment deployment = generation.resolve(paths.clientId(), model);
        AdaptiveLimit limit = slot.limit;
        if (sized.compareAndSet(false, true)) {
            limit.capacity(Math.max(1, deployment.currentReplicas()) * settings.concurrencyPerReplica());
        }
        GenerateResult result = withRetries(() -> generation.complete(deployment, line.request()), limit);
        limit.succeeded();
        slot.release();
        return new LineResult(codec.success(line, result, model, requestId), null, result.usage().promptTokens(),
                result.usage().completionTokens(), deployment);
    }

    private GenerateResult withRetries(java.util.function.Supplier<GenerateResult> call, AdaptiveLimit limit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ServiceException e) {
                boolean transient_ = e.code() == ErrorCode.RATE_LIMIT_EXCEEDED
                        || e.code() == ErrorCode.SERVICE_UNAVAILABLE;
                if (!transient_ || attempt >= settings.maxAttempts()) {
                    throw e;
                }
                limit.throttled();
                sleep(backoff(attempt));
            }
        }
    }

    /** Full jitter: a random wait up to the base doubled per attempt, at most the cap. */
    private Duration backoff(int attempt) {
        long ceiling = Math.min(settings.backoffCap().toMillis(),
                settings.backoffBase().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while backing off", e);
        }
    }
}
