package com.securemodel.core.batch;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAI Files and Batches APIs over the batch runner, inside the caller's client only. An uploaded file is
 * stored under {@code files/<client>/}; creating a batch records the job ({@code validating}) and copies the file
 * under {@code batch-input/<client>/-/}, whose S3 event starts the runner, the same path as a dropped file.
 */
public final class BatchService {

    /** The largest file the Files API takes here (the HTTP body limit is lower on API Gateway). */
    public static final long MAX_FILE_BYTES = 100L * 1024 * 1024;
    private static final Set<String> ENDPOINTS = Set.of(BatchLine.CHAT, BatchLine.COMPLETIONS);
    private static final int METADATA_PAIRS = 16;

    private final BatchStore batches;
    private final BatchFileStore files;
    private final BlobStore blobs;
    private final Clock clock;
    private final IdGenerator ids;
    private final int chunkSize;

    public BatchService(BatchStore batches, BatchFileStore files, BlobStore blobs, Clock clock, IdGenerator ids,
                        int chunkSize) {
        this.batches = batches;
        this.files = files;
        this.blobs = blobs;
        this.clock = clock;
        this.ids = ids;
        this.chunkSize = chunkSize;
    }

    /** {@code POST /v1/files}. */
    public BatchFile upload(ClientId clientId, String filename, String purpose, byte[] content) {
        if (!"batch".equals(purpose)) {
            throw ServiceException.invalidRequest("purpose must be 'batch': only batch input files are supported");
        }
        if (filename == null || filename.isBlank()) {
            throw ServiceException.invalidRequest("The multipart field 'file' needs a filename");
        }
        if (content.length == 0 || content.length > MAX_FILE_BYTES) {
            throw ServiceException.invalidRequest("The file must hold between 1 byte and " + MAX_FILE_BYTES
                    + " bytes");
        }
        String id = "file-" + ids.next("f").substring(2);
        String key = BatchPaths.FILES_PREFIX + clientId.value() + "/" + id;
        blobs.put(key, content, BatchResults.JSONL);
        BatchFile file = new BatchFile(clientId, id, filename.strip(), content.length, purpose, key, clock.instant());
        files.put(file);
        return file;
    }

    /** @throws ServiceException resource_not_found for an unknown (or another client's) file */
    public BatchFile file(ClientId clientId, String id) {
        return files.find(clientId, id)
                .orElseThrow(() -> ServiceException.notFound("No file " + abbreviate(id) + " for this API key"));
    }

    public List<BatchFile> files(ClientId clientId) {
        return files.list(clientId);
    }

    /** @return the file's bytes as a stream the caller closes */
    public InputStream content(ClientId clientId, String id) {
        BatchFile file = file(clientId, id);
        return blobs.open(file.blobKey(), 0)
                .orElseThrow(() -> ServiceException.notFound("The content of file " + id + " is gone"));
    }

    public BatchFile delete(ClientId clientId, String id) {
        BatchFile file = file(clientId, id);
        blobs.delete(file.blobKey());
        files.delete(clientId, id);
        return file;
    }

    /** {@code POST /v1/batches}. */
    public BatchJob create(ClientId clientId, String inputFileId, String endpoint, String completionWindow,
                           Map<String, String> metadata) {
        if (inputFileId == null || inputFileId.isBlank()) {
            throw ServiceException.invalidRequest("input_file_id is required");
        }
        if (endpoint == null || !ENDPOINTS.contains(endpoint)) {
            throw ServiceException.invalidRequest("endpoint must be /v1/chat/completions or /v1/completions");
        }
        if (!"24h".equals(completionWindow)) {
            throw ServiceException.invalidRequest("completion_window must be '24h'");
        }
        if (metadata != null && metadata.size() > METADATA_PAIRS) {
            throw ServiceException.invalidRequest("metadata holds at most 16 pairs");
        }
        BatchFile input = file(clientId, inputFileId);
        if (!"batch".equals(input.purpose())) {
            throw ServiceException.invalidRequest("File " + inputFileId + " has purpose '" + input.purpose()
                    + "', not 'batch'");
        }
        String key = BatchPaths.apiInputKey(clientId, ids.next("input") + ".jsonl");
        BatchJob job = BatchJob.start(clientId, BatchPaths.batchId(key), key, inputFileId, endpoint, metadata,
                chunkSize, clock.instant());
        batches.create(job);
        blobs.copy(input.blobKey(), key);
        return job;
    }

    /** @throws ServiceException resource_not_found for an unknown (or another client's) batch */
    public BatchJob batch(ClientId clientId, String id) {
        return batches.find(clientId, id)
                .orElseThrow(() -> ServiceException.notFound("No batch " + abbreviate(id) + " for this API key"));
    }

    public List<BatchJob> list(ClientId clientId, int limit, String after) {
        if (limit < 1 || limit > 100) {
            throw ServiceException.invalidRequest("limit must be between 1 and 100");
        }
        return batches.list(clientId, limit, after);
    }

    /**
     * {@code POST /v1/batches/{id}/cancel}: a batch not yet finished becomes {@code cancelling}; the runner stops at
     * its next checkpoint and finishes it {@code cancelled} with the lines done so far.
     */
    public BatchJob cancel(ClientId clientId, String id) {
        for (int attempt = 0; ; attempt++) {
            BatchJob job = batch(clientId, id);
            if (job.status().terminal() || job.status() == BatchStatus.CANCELLING
                    || job.status() == BatchStatus.FINALIZING) {
                return job;
            }
            try {
                return batches.update(job.withStatus(BatchStatus.CANCELLING, clock.instant()));
            } catch (ConcurrentUpdateException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
