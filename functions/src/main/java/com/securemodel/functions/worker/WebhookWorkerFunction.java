package com.securemodel.functions.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.securemodel.core.webhook.DeliveryTask;
import com.securemodel.core.webhook.WebhookService;
import com.securemodel.functions.aws.SqsWebhookQueue;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The webhook worker: the SQS-triggered function {@code webhookWorker}. Each record names one event's delivery to
 * one webhook; {@link WebhookService#deliver} makes one attempt, its number the record's
 * {@code ApproximateReceiveCount}. A failed attempt sets the message's visibility timeout to the backoff and reports
 * the record in {@code batchItemFailures}, so SQS hands it out again after that delay; the last attempt leaves it to
 * the queue's redrive policy, which moves it to the dead-letter queue (the queue's {@code maxReceiveCount} equals the
 * attempts configured). Logs name ids and status codes only: never the URL's query, the body or the secret.
 */
public final class WebhookWorkerFunction extends SqsBatchFunction {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookWorkerFunction.class);

    private final WebhookService webhooks;
    private final SqsWebhookQueue queue;

    public WebhookWorkerFunction(WebhookService webhooks, SqsWebhookQueue queue) {
        this.webhooks = webhooks;
        this.queue = queue;
    }

    @Override
    protected boolean handle(SQSEvent.SQSMessage message) {
        DeliveryTask task;
        try {
            task = SqsWebhookQueue.read(message.getBody());
        } catch (IllegalArgumentException e) {
            LOG.error("Dropping a message that is not a webhook delivery");
            return true;
        }
        MDC.put("clientId", task.clientId().value());
        MDC.put("webhookId", task.webhookId());
        MDC.put("eventId", task.eventId());
        try {
            int attempt = Math.max(1, receiveCount(message));
            WebhookService.Outcome outcome = webhooks.deliver(task, attempt);
            switch (outcome.kind()) {
                case DONE -> {
                    return true;
                }
                case RETRY -> {
                    LOG.info("Delivery attempt {} failed; next attempt in {} s", attempt,
                            outcome.retryAfter().toSeconds());
                    queue.retryAfter(message.getReceiptHandle(), outcome.retryAfter());
                    return false;
                }
                default -> {
                    LOG.warn("Delivery failed after {} attempts; the message goes to the dead-letter queue", attempt);
                    queue.retryAfter(message.getReceiptHandle(), Duration.ZERO);
                    return false;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Delivery could not be attempted; the message will be redelivered: {}",
                    e.getClass().getSimpleName());
            return false;
        } finally {
            MDC.remove("clientId");
            MDC.remove("webhookId");
            MDC.remove("eventId");
        }
    }
}
