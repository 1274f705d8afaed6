package com.securemodel.core.batch;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * A file of the OpenAI Files API: an uploaded batch input or a batch's output or error file.
 *
 * @param id {@code file-...}
 * @param purpose {@code batch} (uploads) or {@code batch_output}
 * @param blobKey where its bytes are in the service bucket
 */
public record BatchFile(ClientId clientId, String id, String filename, long bytes, String purpose, String blobKey,
                        Instant createdAt) {
}
