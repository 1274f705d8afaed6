package com.securemodel.functions.batch;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.batch.BatchProcessor;
import com.securemodel.core.batch.BatchService;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.functions.config.AwsResources;
import com.securemodel.functions.config.S3Storage;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Files and Batches APIs and the batch processor: bucket {@code securemodel.batch-bucket}
 * ({@code SECUREMODEL_BATCH_BUCKET}), queue {@code securemodel.batch-queue-url}; local mode creates both.
 */
@Configuration(proxyBeanMethods = false)
public class BatchConfiguration {

    @Bean
    @Profile("!local")
    BatchResources batchResources(@Value("${securemodel.batch-bucket:}") String bucket,
                                  @Value("${securemodel.batch-queue-url:}") String queueUrl) {
        return new BatchResources(bucket.isBlank() ? null : bucket, queueUrl.isBlank() ? null : queueUrl);
    }

    @Bean
    BatchComponents batchComponents(DynamoDbClient dynamoDb, S3Storage s3, AwsResources resources,
                                    BatchResources batch) {
        return BatchComponents.of(dynamoDb, s3, resources.tableName(), batch.bucket());
    }

    @Bean
    BatchService batchService(BatchComponents components, Clock clock, IdGenerator ids,
                              @Value("${securemodel.batch.chunk-size:500}") int chunkSize) {
        return components.service(clock, ids, chunkSize);
    }

    /** @param concurrencyPerReplica requests one instance of a deployment serves at once */
    @Bean
    BatchProcessor batchProcessor(BatchComponents components, GenerationService generation, Clock clock,
                                  @Value("${securemodel.queue.concurrency-per-replica:4}") int concurrencyPerReplica,
                                  @Value("${securemodel.batch.chunk-size:500}") int chunkSize) {
        return components.processor(generation, clock,
                BatchProcessor.Settings.defaults(concurrencyPerReplica).withChunkSize(chunkSize));
    }
}
