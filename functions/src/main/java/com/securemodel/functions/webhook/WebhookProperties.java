package com.securemodel.functions.webhook;

import com.securemodel.core.webhook.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings, prefix {@code securemodel.webhooks} (on Lambda {@code SECUREMODEL_WEBHOOKS_QUEUE_URL}, ...).
 *
 * @param queueUrl the delivery queue (the stack sets it; local mode creates {@code securemodel-webhooks})
 * @param allowLoopback local mode only: also {@code http} URLs and loopback receivers (true in
 *        {@code application-local.yml}; never on AWS)
 * @param baseDelay the wait after a first failed attempt; each further one doubles it
 * @param maxDelay the longest wait between two attempts
 * @param maxAttempts attempts before the message goes to the dead-letter queue (the queue's {@code maxReceiveCount}
 *        must be the same: the stack and local mode create it so)
 * @param connectTimeout connecting to the receiver
 * @param timeout how long the receiver may take to answer
 */
@ConfigurationProperties("securemodel.webhooks")
public record WebhookProperties(String queueUrl, @DefaultValue("false") boolean allowLoopback,
                                @DefaultValue("30s") Duration baseDelay, @DefaultValue("6h") Duration maxDelay,
                                @DefaultValue("14") int maxAttempts, @DefaultValue("5s") Duration connectTimeout,
                                @DefaultValue("10s") Duration timeout) {

    public Backoff backoff() {
        return new Backoff(baseDelay, maxDelay, maxAttempts);
    }
}
