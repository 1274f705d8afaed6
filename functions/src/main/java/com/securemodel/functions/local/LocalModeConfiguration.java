package com.securemodel.functions.local;

import com.securemodel.core.tenant.Authenticator;
import com.securemodel.functions.config.AwsConnection;
import com.securemodel.functions.config.AwsResources;
import com.securemodel.functions.config.S3Storage;
import com.securemodel.functions.config.ServiceProperties;
import com.securemodel.functions.local.internal.LocalDevClient;
import com.securemodel.functions.local.internal.LocalResources;
import com.securemodel.functions.worker.AsyncRequestWorkerFunction;
import com.securemodel.core.bytez.ModelInspector;
import com.securemodel.functions.bytez.ExpirySweepFunction;
import com.securemodel.functions.bytez.ModelJobWorkerFunction;
import com.securemodel.functions.local.internal.GgufModelInspector;
import com.securemodel.functions.worker.DeploymentWorkerFunction;
import com.securemodel.functions.worker.WebhookWorkerFunction;
import com.securemodel.functions.webhook.WebhookProperties;
import com.securemodel.functions.webhook.WebhookResources;
import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.LocalCloudConfig;
import com.securemodel.localstack.PortInUseException;
import com.securemodel.localstack.llm.FileModelCatalog;
import com.securemodel.core.batch.BatchPaths;
import com.securemodel.core.batch.BatchProcessor;
import com.securemodel.functions.batch.BatchResources;
import com.securemodel.functions.batch.SqsBatchWorker;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Local mode ({@code spring.profiles.active=local}): starts the local cloud in this JVM, points every AWS client at
 * it, creates the table, the provisioning queue and the Bytez job queue (with their DLQs), registers client {@code local-dev} with the
 * key from {@code SECUREMODEL_API_KEY} (default {@code sk-local-dev}) and polls the queue into the same
 * {@code deploymentWorker} function that Lambda runs (and the job queue into {@code modelJobWorker}; the expiry sweep
 * runs on a timer). The only place that uses the {@code localstack} module, which
 * is not in the Lambda jar.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
public class LocalModeConfiguration {

    @Bean(destroyMethod = "close")
    LocalCloud localCloud(LocalModeProperties local, ServiceProperties service) {
        LocalCloudConfig base = local.freePorts() ? LocalCloudConfig.freePorts() : LocalCloudConfig.defaults();
        Path models = local.modelsDir() != null ? local.modelsDir()
                : FileModelCatalog.defaultModelsDir(System.getenv(), System.getProperty("user.home"));
        LocalCloudConfig config = new LocalCloudConfig(base.dynamoDbPort(), base.sqsPort(), base.s3Port(),
                base.sageMakerPort(), service.region(), base.accessKey(), base.secretKey(), models.toAbsolutePath(),
                local.llamaThreads(), local.scalingPeriod());
        try {
            return LocalCloud.start(config);
        } catch (PortInUseException e) {
            throw new IllegalStateException("Local mode cannot start " + e.part() + ": port " + e.port()
                    + " on 127.0.0.1 is in use. Stop what listens there (another local run?), or start with "
                    + "--securemodel.local.free-ports=true", e);
        }
    }

    @Bean
    AwsConnection awsConnection(LocalCloud cloud) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(cloud.accessKey(),
                cloud.secretKey()));
        return new AwsConnection(cloud.region(), credentials, cloud.dynamoDbEndpoint(), cloud.sqsEndpoint(),
                cloud.s3Endpoint(), cloud.sageMakerEndpoint());
    }

    @Bean
    AwsResources awsResources(DynamoDbClient dynamoDb, SqsClient sqs, ServiceProperties service,
                              LocalModeProperties local) {
        return LocalResources.create(dynamoDb, sqs, service.tableName(), local.queueName(), local.jobQueueName(),
                local.visibilityTimeout());
    }

    @Bean
    LocalQueuePoller localQueuePoller(SqsClient sqs, AwsResources resources, DeploymentWorkerFunction deploymentWorker,
                                      ServiceProperties service) {
        return new LocalQueuePoller(sqs, resources.provisioningQueueUrl(), deploymentWorker, service.region());
    }

    /** The Bytez job queue, polled into the same {@code modelJobWorker} function Lambda runs. */
    @Bean
    LocalQueuePoller localJobQueuePoller(SqsClient sqs, AwsResources resources, ModelJobWorkerFunction modelJobWorker,
                                         ServiceProperties service) {
        return new LocalQueuePoller(sqs, resources.modelJobQueueUrl(), modelJobWorker, service.region());
    }

    /** Bytez jobs read the model's GGUF header, where the local cloud's catalog maps the model id. */
    @Bean
    ModelInspector ggufModelInspector(LocalCloud cloud) {
        return new GgufModelInspector(cloud.modelsDir());
    }

    /** What EventBridge does on AWS: the expiry sweep every {@code securemodel.local.sweep-interval}. */
    @Bean
    LocalSweepScheduler localSweepScheduler(ExpirySweepFunction expirySweep, LocalModeProperties local) {
        return new LocalSweepScheduler(expirySweep, local.sweepInterval());
    }

    @Bean
    LocalQueuePoller localAsyncQueuePoller(SqsClient sqs, AwsResources resources,
                                           AsyncRequestWorkerFunction asyncRequestWorker, ServiceProperties service) {
        return new LocalQueuePoller(sqs, resources.asyncQueueUrl(), asyncRequestWorker, service.region());
    }

    /**
     * The service bucket and the batch queue, with the bucket notification S3 has on AWS: objects created under
     * {@code batch-input/} send their {@code ObjectCreated} event to the batch queue.
     */
    @Bean
    BatchResources batchResources(LocalCloud cloud, SqsClient sqs, S3Storage s3,
                                  LocalModeProperties local, @Value("${securemodel.batch-bucket}") String bucket) {
        s3.get().createBucket(b -> b.bucket(bucket));
        String queueUrl = LocalResources.queueWithDlq(sqs, local.batchQueueName(), local.visibilityTimeout());
        cloud.notifyObjectCreated(bucket, BatchPaths.INPUT_PREFIX, queueUrl);
        return new BatchResources(bucket, queueUrl);
    }

    /** What the batch runner's {@code worker} mode does on ECS: consumes the batch queue. */
    @Bean
    LocalBatchWorker localBatchWorker(SqsClient sqs, BatchResources batch, BatchProcessor processor,
                                      LocalModeProperties local) {
        return new LocalBatchWorker(new SqsBatchWorker(sqs, batch.queueUrl(), processor, local.visibilityTimeout(),
                1));
    }

    /** The webhook queue, its DLQ after {@code securemodel.webhooks.max-attempts} receives, and its poller. */
    @Bean
    WebhookResources webhookResources(SqsClient sqs, LocalModeProperties local, WebhookProperties webhooks) {
        return LocalResources.webhookQueue(sqs, local.webhookQueueName(), local.visibilityTimeout(),
                webhooks.maxAttempts());
    }

    @Bean
    LocalQueuePoller localWebhookQueuePoller(SqsClient sqs, WebhookResources resources,
                                             WebhookWorkerFunction webhookWorker, ServiceProperties service) {
        return new LocalQueuePoller(sqs, resources.queueUrl(), webhookWorker, service.region());
    }

    @Bean
    LocalDevClient localDevClient(Authenticator authenticator, ServiceProperties service, LocalModeProperties local,
                                  Environment environment) {
        return new LocalDevClient(authenticator, local.clientId(), service.apiKey(),
                environment.getProperty("SECUREMODEL_API_KEY") != null, environment);
    }
}
