package com.securemodel.core.deployment;

import com.securemodel.core.ServiceSettings;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.hosting.ModelHost;
import java.time.Clock;

/** The deployment worker's logic: one {@link ProvisionTask} at a time, every step idempotent. */
public final class ProvisioningService {

    private final DeploymentStore store;
    private final ModelHost host;
    private final ProvisioningQueue queue;
    private final DeploymentLog log;
    private final ContainerConfigFactory containers;
    private final ServiceSettings settings;
    private final Clock clock;

    public ProvisioningService(DeploymentStore store, ModelHost host, ProvisioningQueue queue, DeploymentLog log,
                               ContainerConfigFactory containers, ServiceSettings settings, Clock clock) {
        this.store = store;
        this.host = host;
        this.queue = queue;
        this.log = log;
        this.containers = containers;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Handles one task. Throws only for failures worth a redelivery (the message then goes back to the queue);
     * a deployment that cannot come up is marked {@code failed} instead.
     */
    public void handle(ProvisionTask task) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
