package com.securemodel.functions.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Local stand-in for Lambda's SQS event source mapping: polls the provisioning queue, hands each batch to the
 * {@code deploymentWorker} function as an {@link SQSEvent}, and deletes only the messages not listed in
 * {@code batchItemFailures}; the failed ones become visible again after the visibility timeout, as on AWS.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html">Using Lambda with Amazon SQS</a>
 */
public final class LocalQueuePoller implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LocalQueuePoller.class);
    private static final int BATCH_SIZE = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Function<SQSEvent, SQSBatchResponse> worker;
    private final String region;
    private volatile boolean running;
    private Thread thread;

    public LocalQueuePoller(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> worker,
                            String region) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.worker = worker;
        this.region = region;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("local-queue-poller").daemon(true).start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Polling {} failed: {}", queueUrl, e.getMessage());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** One receive, one function call, one batch delete: what the event source mapping does per batch. */
    void pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(BATCH_SIZE)
                .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return;
        }
        SQSBatchResponse response = worker.apply(event(messages));
        Set<String> failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .collect(Collectors.toSet());
        List<DeleteMessageBatchRequestEntry> done = messages.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                        .receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private SQSEvent event(List<Message> messages) {
        String arn = queueArn();
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(m -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributesAsStrings().forEach(attributes::put);
            record.setAttributes(attributes);
            record.setMessageAttributes(Map.of());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(arn);
            record.setAwsRegion(region);
            return record;
        }).toList());
        return event;
    }

    private String queueArn() {
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        return "arn:aws:sqs:" + region + ":000000000000:" + name;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
