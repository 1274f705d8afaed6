package com.securemodel.core.deployment;

import java.time.Duration;

/** Port: the queue the deployment worker consumes. */
public interface ProvisioningQueue {

    /** Sends the task, visible to the worker after {@code delay} (0 to 15 minutes). */
    void send(ProvisionTask task, Duration delay);
}
