package com.securemodel.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The SQS queues, each with its dead-letter queue, encrypted with the data key and refusing non-TLS requests:
 * {@code provisioning} (deployment worker), {@code batch} (prompt files dropped under {@code batch-input/},
 * consumed by the batch runner), {@code async} (requests accepted with {@code Prefer: respond-async}, run by the
 * async request worker; ids only, the request itself waits in the encrypted table) and {@code modelJobs}
 * (Bytez jobs, job worker) and {@code webhooks} (event deliveries, webhook worker: ids only, the event waits in the
 * table; a failed attempt comes back after the worker's backoff, and after {@link #WEBHOOK_ATTEMPTS} receives the
 * message goes to the DLQ). A later worker adds one line: {@code withDeadLetterQueue("Name", ...)}.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html">
 *     SQS dead-letter queues</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html">Visibility timeout for
 *     Lambda (six times the function timeout)</a>
 */
public final class ServiceQueues extends Construct {

  /** A work queue and the dead-letter queue it moves messages to after {@code maxReceiveCount} receives. */
  public record QueueWithDlq(Queue queue, Queue deadLetterQueue) {
  }

  /** Delivery attempts of a webhook event: the queue's {@code maxReceiveCount} and the worker's setting. */
  public static final int WEBHOOK_ATTEMPTS = 14;

  private final IKey key;
  private final List<QueueWithDlq> all = new ArrayList<>();
  private final QueueWithDlq provisioning;
  private final QueueWithDlq batch;
  private final QueueWithDlq async;
  private final QueueWithDlq modelJobs;
  private final QueueWithDlq webhooks;

  public ServiceQueues(Construct scope, String id, IKey key, Duration deploymentWorkerTimeout,
      Duration asyncWorkerTimeout) {
    super(scope, id);
    this.key = key;
    provisioning = withDeadLetterQueue("Provisioning", deploymentWorkerTimeout.toSeconds().intValue() * 6, 5);
    batch = withDeadLetterQueue("Batch", 15 * 60, 3);
    async = withDeadLetterQueue("Async", asyncWorkerTimeout.toSeconds().intValue() * 6, 5);
    // six times the job worker's timeout
    modelJobs = withDeadLetterQueue("ModelJobs",
        ServiceFunctions.MODEL_JOB_WORKER.timeout().toSeconds().intValue() * 6, 5);
    webhooks = withDeadLetterQueue("Webhooks",
        ServiceFunctions.WEBHOOK_WORKER.timeout().toSeconds().intValue() * 6, WEBHOOK_ATTEMPTS);
  }

  /** Creates a queue whose visibility timeout is {@code visibilitySeconds} and its DLQ (14 days retention). */
  public QueueWithDlq withDeadLetterQueue(String name, int visibilitySeconds, int maxReceiveCount) {
    Queue dlq = Queue.Builder.create(this, name + "Dlq")
        .encryption(QueueEncryption.KMS)
        .encryptionMasterKey(key)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .build();
    Queue queue = Queue.Builder.create(this, name + "Queue")
        .encryption(QueueEncryption.KMS)
        .encryptionMasterKey(key)
        .enforceSsl(true)
        .visibilityTimeout(Duration.seconds(visibilitySeconds))
        .retentionPeriod(Duration.days(4))
        .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(maxReceiveCount).build())
        .build();
    QueueWithDlq created = new QueueWithDlq(queue, dlq);
    all.add(created);
    return created;
  }

  /** Every queue created so far (alarms watch each DLQ). */
  public List<QueueWithDlq> all() {
    return List.copyOf(all);
  }

  public QueueWithDlq provisioning() {
    return provisioning;
  }

  public QueueWithDlq batch() {
    return batch;
  }

  /** Requests accepted with {@code Prefer: respond-async} ({@code asyncRequestWorker}). */
  public QueueWithDlq async() {
    return async;
  }

  /** The Bytez job queue ({@code POST /model/job}), consumed by the {@code modelJobWorker} function. */
  public QueueWithDlq modelJobs() {
    return modelJobs;
  }

  /** Webhook event deliveries ({@code webhookWorker}). */
  public QueueWithDlq webhooks() {
    return webhooks;
  }
}
