package com.securemodel.functions.batch;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.batch.BatchFileStore;
import com.securemodel.core.batch.BatchProcessor;
import com.securemodel.core.batch.BatchService;
import com.securemodel.core.batch.BatchStore;
import com.securemodel.core.batch.BlobStore;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.functions.aws.DynamoDbBatchFileStore;
import com.securemodel.functions.aws.DynamoDbBatchStore;
import com.securemodel.functions.aws.S3BlobStore;
import com.securemodel.functions.http.openai.OpenAiRoutes;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The batch services on their DynamoDB and S3 adapters, built without Spring so that the batch runner jar (a plain
 * {@code main}, quick to start) and the Spring context assemble them the same way.
 */
public record BatchComponents(BatchStore batches, BatchFileStore files, BlobStore blobs) {

    public static BatchComponents of(DynamoDbClient dynamoDb, Supplier<S3Client> s3, String table, String bucket) {
        return new BatchComponents(new DynamoDbBatchStore(dynamoDb, table), new DynamoDbBatchFileStore(dynamoDb, table),
                new S3BlobStore(s3, bucket));
    }

    public BatchProcessor processor(GenerationService generation, Clock clock, BatchProcessor.Settings settings) {
        return new BatchProcessor(batches, blobs, files, OpenAiRoutes.batchCodec(), generation, clock, settings);
    }

    public BatchService service(Clock clock, IdGenerator ids, int chunkSize) {
        return new BatchService(batches, files, blobs, clock, ids, chunkSize);
    }
}
