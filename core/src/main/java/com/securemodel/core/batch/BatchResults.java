package com.securemodel.core.batch;

import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finishes a job: assembles the committed parts into {@code <name>.output.jsonl} and {@code <name>.errors.jsonl}
 * (through temporary files, so memory does not grow with the file), writes {@code <name>.summary.json}, registers
 * the output and error files with the Files API, sets the final status, then deletes the parts. Every step can run
 * again with the same result, so a run killed while finishing is finished by the next.
 */
final class BatchResults {

    static final String JSONL = "application/jsonl";
    /** How many parts are read ahead of the one written when the result files are assembled. */
    private static final int PREFETCH = 8;

    private final BatchStore store;
    private final BlobStore blobs;
    private final BatchFileStore files;
    private final BatchCodec codec;
    private final Clock clock;

    BatchResults(BatchStore store, BlobStore blobs, BatchFileStore files, BatchCodec codec, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.files = files;
        this.codec = codec;
        this.clock = clock;
    }

    /** @return {@code batch_req_} and a hash of the job and line: the same line always gets the same id */
    static String requestId(String batchId, long line) {
        return "batch_req_" + hash(batchId + "#" + line, 12);
    }

    static String fileId(String batchId, String kind) {
        return "file-" + hash(batchId + "#" + kind, 12);
    }

    BatchJob finish(BatchPaths paths, BatchJob job, BatchStatus status, String reason) {
        if (status == BatchStatus.COMPLETED && job.status() != BatchStatus.FINALIZING) {
            job = store.update(job.withStatus(BatchStatus.FINALIZING, clock.instant()));
        }
        long chunks = chunks(job);
        long outputBytes = assemble(paths, chunks, false, paths.outputKey());
        long errorBytes = assemble(paths, chunks, true, paths.errorsKey());
        Instant now = clock.instant();
        String name = paths.name();
        String outputId = fileId(job.id(), "output");
        files.put(new BatchFile(job.clientId(), outputId, name + ".output.jsonl", outputBytes, "batch_output",
                paths.outputKey(), now));
        String errorId = null;
        if (job.failed() > 0) {
            errorId = fileId(job.id(), "errors");
            files.put(new BatchFile(job.clientId(), errorId, name + ".errors.jsonl", errorBytes, "batch_output",
                    paths.errorsKey(), now));
        }
        BatchJob done = job.finished(status, outputId, errorId, reason, now);
        blobs.put(paths.summaryKey(), codec.summary(summary(done)).getBytes(StandardCharsets.UTF_8),
                "application/json");
        BatchJob stored = store(done);
        deleteParts(paths, chunks);
        return stored;
    }

    /** Deletes the parts of a finished job that a run killed while deleting them left behind. */
    void deleteLeftoverParts(BatchPaths paths, BatchJob job) {
        if (blobs.size(paths.partKey(0, false)).isPresent()) {
            deleteParts(paths, chunks(job));
        }
    }

    /**
     * Deletes the committed parts and the one after them (written by a run stopped before its checkpoint, as a
     * cancel does): all but part 0 in as few requests as the store allows, then part 0, so that while part 0 exists,
     * some are left.
     */
    private void deleteParts(BatchPaths paths, long chunks) {
        List<String> rest = new ArrayList<>();
        for (long i = chunks; i >= 1; i--) {
            rest.add(paths.partKey(i, true));
            rest.add(paths.partKey(i, false));
        }
        blobs.deleteAll(rest);
        blobs.deleteAll(List.of(paths.partKey(0, true), paths.partKey(0, false)));
    }

    private static long chunks(BatchJob job) {
        return job.chunkSize() <= 0 ? 0 : (job.nextLine() + job.chunkSize() - 1) / job.chunkSize();
    }

    /** The final update; a cancel that arrived meanwhile does not undo a finished file. */
    private BatchJob store(BatchJob done) {
        try {
            return store.update(done);
        } catch (ConcurrentUpdateException e) {
            BatchJob fresh = store.find(done.clientId(), done.id()).orElseThrow(() -> e);
            if (fresh.status().terminal()) {
                return fresh;
            }
            return store.update(done.withVersion(fresh.version()));
        }
    }

    private long assemble(BatchPaths paths, long chunks, boolean errors, String key) {
        Path temp = null;
        try {
            temp = Files.createTempFile("batch-", errors ? ".errors.jsonl" : ".output.jsonl");
            try (OutputStream out = Files.newOutputStream(temp);
                 ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor()) {
                // parts are read PREFETCH at a time ahead of the one written (one request each, and a round trip to
                // the bucket costs more than a part's bytes): the order stays, memory holds a few parts at most
                Deque<Future<byte[]>> ahead = new ArrayDeque<>();
                long next = 0;
                for (long i = 0; i < chunks; i++) {
                    for (; next < chunks && next < i + PREFETCH; next++) {
                        String partKey = paths.partKey(next, errors);
                        ahead.add(reads.submit(() -> read(partKey)));
                    }
                    out.write(ahead.removeFirst().get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "Batch results interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            }
            blobs.put(key, temp, JSONL);
            return Files.size(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    /** @return the part's bytes, none if it is absent (a chunk of blank lines writes none) */
    private byte[] read(String partKey) throws IOException {
        Optional<InputStream> part = blobs.open(partKey, 0);
        if (part.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = part.get()) {
            return in.readAllBytes();
        }
    }

    static BatchSummary summary(BatchJob job) {
        double generation = job.workMillis() / 1000.0;
        Instant from = job.inProgressAt() != null ? job.inProgressAt() : job.createdAt();
        Instant to = job.finishedAt() != null ? job.finishedAt() : from;
        double wall = Duration.between(from, to).toMillis() / 1000.0;
        Double cost = InstancePrices.perHour(job.instanceType())
                .map(price -> round(price * Math.max(1, job.replicas()) * generation / 3600.0, 6)).orElse(null);
        return new BatchSummary(job.id(), job.status().wire(), job.inputKey(), job.requests(),
                job.completed(), job.failed(), job.promptTokens(), job.completionTokens(), wall,
                round(generation, 3), generation > 0 ? round(job.completionTokens() / generation, 2) : 0,
                job.instanceType(), job.replicas(), cost);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static String hash(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
