package com.securemodel.core.fakes;

import com.securemodel.core.webhook.DeliveryTask;
import com.securemodel.core.webhook.WebhookQueue;
import java.util.ArrayList;
import java.util.List;

/** A {@link WebhookQueue} that records what was sent; tests drain it into the worker's logic. */
public final class RecordingWebhookQueue implements WebhookQueue {

    private final List<DeliveryTask> pending = new ArrayList<>();
    private final List<DeliveryTask> sent = new ArrayList<>();

    @Override
    public synchronized void send(DeliveryTask task) {
        pending.add(task);
        sent.add(task);
    }

    /** @return every task ever sent, oldest first */
    public synchronized List<DeliveryTask> sent() {
        return List.copyOf(sent);
    }

    /** @return the tasks not taken yet, oldest first, removing them */
    public synchronized List<DeliveryTask> drain() {
        List<DeliveryTask> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
