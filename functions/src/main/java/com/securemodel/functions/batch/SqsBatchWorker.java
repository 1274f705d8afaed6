package com.securemodel.functions.batch;

import com.securemodel.core.batch.BatchProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Consumes the batch queue one message at a time: works every file its S3 event names, then deletes the message.
 * While a file is worked a heartbeat extends the message's visibility every third of the visibility timeout (and
 * after each commit, at most that often), so a long file is never delivered to a second runner; a runner that dies
 * stops the heartbeat and the message comes back to another, which resumes from the checkpoint. A message whose file
 * is already finished is deleted at once.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html">
 *      SQS visibility timeout</a>
 */
public final class SqsBatchWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchWorker.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final BatchProcessor processor;
    private final Duration visibility;
    private final int waitSeconds;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "batch-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running = true;

    /**
     * @param visibility what each heartbeat extends the message's visibility to
     * @param waitSeconds long polling wait of one receive
     */
    public SqsBatchWorker(SqsClient sqs, String queueUrl, BatchProcessor processor, Duration visibility,
                          int waitSeconds) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.processor = processor;
        this.visibility = visibility;
        this.waitSeconds = waitSeconds;
    }

    /** Polls until {@link #close}. */
    public void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Batch queue poll failed: {}", e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** @return whether a message was received */
    public boolean pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)
                .waitTimeSeconds(waitSeconds).visibilityTimeout((int) visibility.toSeconds())).messages();
        messages.forEach(this::handle);
        return !messages.isEmpty();
    }

    private void handle(Message message) {
        Heartbeat heartbeat = new Heartbeat(message.receiptHandle());
        var timer = heartbeats.scheduleAtFixedRate(heartbeat::extend, visibility.toMillis() / 3,
                visibility.toMillis() / 3, TimeUnit.MILLISECONDS);
        try {
            for (String key : S3Events.createdKeys(message.body())) {
                BatchProcessor.Outcome outcome = processor.process(key, heartbeat::beat, BatchProcessor.Progress.NONE);
                LOG.info("Batch file {}: {}", key, outcome);
            }
            timer.cancel(false);
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        } catch (RuntimeException e) {
            timer.cancel(false);
            LOG.warn("Batch message {} failed and will be redelivered: {}", message.messageId(), e.toString());
        }
    }

    /** Extends the message's visibility; after a commit only when a third of the timeout has passed. */
    private final class Heartbeat {
        private final String receipt;
        private volatile long last = System.nanoTime();

        Heartbeat(String receipt) {
            this.receipt = receipt;
        }

        void beat() {
            if (System.nanoTime() - last > visibility.toNanos() / 3) {
                extend();
            }
        }

        synchronized void extend() {
            try {
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receipt)
                        .visibilityTimeout((int) visibility.toSeconds()));
                last = System.nanoTime();
            } catch (RuntimeException e) {
                LOG.warn("Batch heartbeat failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        heartbeats.shutdownNow();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
