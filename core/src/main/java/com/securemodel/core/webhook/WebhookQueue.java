package com.securemodel.core.webhook;

/** The webhook delivery queue. */
public interface WebhookQueue {

    void send(DeliveryTask task);
}
