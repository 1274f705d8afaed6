package com.securemodel.functions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.webhook.DeliveryTask;
import com.securemodel.core.webhook.WebhookQueue;
import java.io.IOException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook delivery queue: {@code {"clientId", "webhookId", "eventId"}} messages (ids only; the event waits in
 * the table). A failed attempt is retried by {@link #retryAfter}: the worker sets the message's visibility timeout
 * to the backoff, so SQS hands it out again then, and after the queue's {@code maxReceiveCount} receives moves it to
 * the dead-letter queue.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html">
 *     ChangeMessageVisibility</a>
 */
public final class SqsWebhookQueue implements WebhookQueue {

    /** SQS's longest visibility timeout: 12 hours. */
    static final long MAX_VISIBILITY_SECONDS = 12 * 60 * 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsWebhookQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(DeliveryTask task) {
        String body = JSON.createObjectNode().put("clientId", task.clientId().value())
                .put("webhookId", task.webhookId()).put("eventId", task.eventId()).toString();
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        } catch (SdkException e) {
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The webhook queue is unavailable; retry shortly",
                    e);
        }
    }

    /** Makes the received message visible again after {@code delay} (at most 12 hours). */
    public void retryAfter(String receiptHandle, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, delay.toSeconds()));
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(seconds));
    }

    /** @throws IllegalArgumentException when the body is not one of this queue's messages */
    public static DeliveryTask read(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("clientId").isTextual() || !node.path("webhookId").isTextual()
                    || !node.path("eventId").isTextual()) {
                throw new IllegalArgumentException("not a webhook delivery message");
            }
            return new DeliveryTask(new ClientId(node.path("clientId").asText()), node.path("webhookId").asText(),
                    node.path("eventId").asText());
        } catch (IOException | ServiceException e) {
            throw new IllegalArgumentException("not a webhook delivery message");
        }
    }
}
