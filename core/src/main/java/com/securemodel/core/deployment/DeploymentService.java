package com.securemodel.core.deployment;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.ServiceSettings;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;

/**
 * Creates, reads, lists and deletes deployments (validation, GPU fit, conditional writes, provisioning messages).
 * Every method is scoped to one client: another client's deployment is {@code resource_not_found}.
 */
public final class DeploymentService {

    private final DeploymentStore store;
    private final ProvisioningQueue queue;
    private final DeploymentLog log;
    private final ModelRegistry models;
    private final GpuFit fit;
    private final ServiceSettings settings;
    private final Clock clock;
    private final IdGenerator ids;

    public DeploymentService(DeploymentStore store, ProvisioningQueue queue, DeploymentLog log, ModelRegistry models,
                             GpuFit fit, ServiceSettings settings, Clock clock, IdGenerator ids) {
        this.store = store;
        this.queue = queue;
        this.log = log;
        this.models = models;
        this.fit = fit;
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
    }

    /** Validates, plans the hosting, stores the deployment as {@code creating} and queues its provisioning. */
    public Deployment create(ClientId clientId, CreateDeploymentRequest request) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** @throws com.securemodel.core.error.ServiceException resource_not_found for an unknown (or foreign) id */
    public Deployment get(ClientId clientId, String deploymentId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Page<Deployment> list(ClientId clientId, DeploymentQuery query) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Moves the deployment to {@code deleting} and queues the teardown; {@code force} also deletes a busy one. */
    public Deployment delete(ClientId clientId, String deploymentId, boolean force) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
