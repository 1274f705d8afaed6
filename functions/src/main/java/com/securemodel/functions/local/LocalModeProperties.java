package com.securemodel.functions.local;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Local mode settings, prefix {@code securemodel.local}.
 *
 * @param freePorts start the local cloud on free ports instead of 8000/9324/9090/8086 (tests)
 * @param modelsDir GGUF models directory; null means {@code SECUREMODEL_MODELS_DIR} or {@code ~/.securemodel/models}
 * @param llamaThreads llama.cpp threads per loaded model
 * @param clientId the development client
 * @param queueName the provisioning queue's name (its DLQ is {@code <name>-dlq})
 * @param visibilityTimeout how long a failed message stays invisible before it is retried
 * @param jobQueueName the Bytez job queue's name (its DLQ is {@code <name>-dlq})
 * @param sweepInterval how often the Bytez expiry sweep runs (EventBridge runs it every minute on AWS)
 * @param batchQueueName the batch queue's name (S3 events of {@code batch-input/}; its DLQ is {@code <name>-dlq})
 * @param scalingPeriod how often the SageMaker emulator's autoscaling evaluates a variant's load (a minute, as
 *        CloudWatch's period; shorter to watch {@code current_replicas} move quickly)
 * @param webhookQueueName the webhook delivery queue's name (its DLQ is {@code <name>-dlq})
 */
@ConfigurationProperties("securemodel.local")
public record LocalModeProperties(
        @DefaultValue("false") boolean freePorts,
        Path modelsDir,
        @DefaultValue("1") int llamaThreads,
        @DefaultValue("local-dev") String clientId,
        @DefaultValue("securemodel-provisioning") String queueName,
        @DefaultValue("10s") Duration visibilityTimeout,
        @DefaultValue("securemodel-model-jobs") String jobQueueName,
        @DefaultValue("60s") Duration sweepInterval,
        @DefaultValue("securemodel-batch") String batchQueueName,
        @DefaultValue("60s") Duration scalingPeriod,
        @DefaultValue("securemodel-webhooks") String webhookQueueName) {
}
