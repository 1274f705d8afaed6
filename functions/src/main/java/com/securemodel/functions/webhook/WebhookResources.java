package com.securemodel.functions.webhook;

/**
 * The webhook delivery queue.
 *
 * @param deadLetterQueueUrl known in local mode (tests read it); null on AWS, where only the redrive policy names it
 */
public record WebhookResources(String queueUrl, String deadLetterQueueUrl) {
}
