package com.securemodel.core.generation;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.hosting.ModelInvoker;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;

/** Generates text on a running deployment of the calling client. */
public final class GenerationService {

    private final DeploymentStore store;
    private final ModelInvoker invoker;
    private final Clock clock;
    private final IdGenerator ids;

    public GenerationService(DeploymentStore store, ModelInvoker invoker, Clock clock, IdGenerator ids) {
        this.store = store;
        this.invoker = invoker;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws com.securemodel.core.error.ServiceException resource_not_found (unknown or foreign deployment),
     *         deployment_error (not running), validation_error (bad parameters)
     */
    public GenerateResult generate(ClientId clientId, String deploymentId, GenerateRequest request) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
