package com.securemodel.functions.batch;

/**
 * Where batch files live and where their S3 events arrive.
 *
 * @param bucket the service bucket ({@code SECUREMODEL_BATCH_BUCKET})
 * @param queueUrl the batch queue ({@code SECUREMODEL_BATCH_QUEUE_URL}); null where nothing consumes it (the API)
 */
public record BatchResources(String bucket, String queueUrl) {
}
