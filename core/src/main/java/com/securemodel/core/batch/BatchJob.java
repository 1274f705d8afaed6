package com.securemodel.core.batch;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.Map;

/**
 * One prompt file being worked, and its checkpoint: lines before {@code nextLine} (bytes before {@code nextByte})
 * are answered and their output parts committed; everything else is still to do. Stored under the client's
 * partition, written with a version check so that one checkpoint is never applied twice.
 *
 * @param id {@code batch_<hash of the input key>}: a redelivered S3 event finds the same job
 * @param inputKey the object under {@code batch-input/}
 * @param inputFileId the Files API file it was made from, or null (a file dropped in the bucket)
 * @param endpoint {@code /v1/chat/completions} or {@code /v1/completions} when made through the Batches API, else
 *        null (each line says)
 * @param totalLines lines of the input, -1 until counted
 * @param chunkSize lines per committed output part, fixed when the job starts
 * @param workMillis time spent generating, summed over every run
 * @param instanceType instance type of the deployment that answered, for the cost estimate; may be null
 * @param replicas its instances
 * @param error why the batch failed, or null
 */
public record BatchJob(ClientId clientId, String id, String inputKey, String inputFileId, String endpoint,
                       String completionWindow, Map<String, String> metadata, BatchStatus status, long totalLines,
                       long nextLine, long nextByte, int chunkSize, long completed, long failed, long promptTokens,
                       long completionTokens, long workMillis, String instanceType, int replicas,
                       String outputFileId, String errorFileId, String error, Instant createdAt,
                       Instant inProgressAt, Instant finalizingAt, Instant finishedAt, Instant cancellingAt,
                       Instant expiresAt, long version) {

    public BatchJob {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A new job, {@code validating}, nothing done. */
    public static BatchJob start(ClientId clientId, String id, String inputKey, String inputFileId, String endpoint,
                                 Map<String, String> metadata, int chunkSize, Instant now) {
        return new BatchJob(clientId, id, inputKey, inputFileId, endpoint, "24h", metadata, BatchStatus.VALIDATING,
                -1, 0, 0, chunkSize, 0, 0, 0, 0, 0, null, 0, null, null, null, now, null, null, null, null,
                now.plus(BatchPaths.COMPLETION_WINDOW), 0);
    }

    public BatchJob withStatus(BatchStatus next, Instant now) {
        return new BatchJob(clientId, id, inputKey, inputFileId, endpoint, completionWindow, metadata, next,
                totalLines, nextLine, nextByte, chunkSize, completed, failed, promptTokens, completionTokens,
                workMillis, instanceType, replicas, outputFileId, errorFileId, error, createdAt,
                next == BatchStatus.IN_PROGRESS && inProgressAt == null ? now : inProgressAt,
                next == BatchStatus.FINALIZING ? now : finalizingAt, next.terminal() ? now : finishedAt,
                next == BatchStatus.CANCELLING ? now : cancellingAt, expiresAt, version);
    }

    /** @return this job, {@code in_progress} with its line count */
    public BatchJob counted(long lines, Instant now) {
        return new BatchJob(clientId, id, inputKey, inputFileId, endpoint, completionWindow, metadata,
                BatchStatus.IN_PROGRESS, lines, nextLine, nextByte, chunkSize, completed, failed, promptTokens,
                completionTokens, workMillis, instanceType, replicas, outputFileId, errorFileId, error, createdAt,
                now, finalizingAt, finishedAt, cancellingAt, expiresAt, version);
    }

    /** @return this job with one more chunk committed */
    public BatchJob checkpoint(long toLine, long toByte, long ok, long bad, long in, long out, long millis,
                               String instance, int instances) {
        return new BatchJob(clientId, id, inputKey, inputFileId, endpoint, completionWindow, metadata, status,
                totalLines, toLine, toByte, chunkSize, completed + ok, failed + bad, promptTokens + in,
                completionTokens + out, workMillis + millis, instance == null ? instanceType : instance,
                instance == null ? replicas : instances, outputFileId, errorFileId, error, createdAt, inProgressAt,
                finalizingAt, finishedAt, cancellingAt, expiresAt, version);
    }

    /** @return this job finished in {@code next}, with its result files */
    public BatchJob finished(BatchStatus next, String outputFile, String errorFile, String reason, Instant now) {
        return new BatchJob(clientId, id, inputKey, inputFileId, endpoint, completionWindow, metadata, next,
                totalLines, nextLine, nextByte, chunkSize, completed, failed, promptTokens, completionTokens,
                workMillis, instanceType, replicas, outputFile, errorFile, reason, createdAt, inProgressAt,
                finalizingAt, now, cancellingAt, expiresAt, version);
    }

    public BatchJob withVersion(long next) {
        return new BatchJob(clientId, id, inputKey, inputFileId, endpoint, completionWindow, metadata, status,
                totalLines, nextLine, nextByte, chunkSize, completed, failed, promptTokens, completionTokens,
                workMillis, instanceType, replicas, outputFileId, errorFileId, error, createdAt, inProgressAt,
                finalizingAt, finishedAt, cancellingAt, expiresAt, next);
    }

    /** @return whether every line is answered */
    public boolean allDone() {
        return totalLines >= 0 && nextLine >= totalLines;
    }

    /**
     * @return the file's requests: once every line is done, those answered and those failed (a blank line is no
     *         request); before that, the lines counted so far, blank ones included, as an upper bound
     */
    public long requests() {
        return allDone() ? completed + failed : Math.max(Math.max(0, totalLines), completed + failed);
    }
}
