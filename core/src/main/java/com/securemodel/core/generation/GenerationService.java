package com.securemodel.core.generation;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.Deployments;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.InvocationResult;
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
        Deployment deployment = Deployments.require(store, clientId, deploymentId);
        if (deployment.status() != DeploymentStatus.RUNNING) {
            throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "Deployment " + deploymentId + " is "
                    + deployment.status().wire() + "; generate works once it is running");
        }
        InvocationRequest invocation = GenerateRequestValidator.toInvocation(request, deployment.modelConfig());
        InvocationResult result = invoker.invoke(deployment.hosting().endpointName(), invocation);
        return new GenerateResult(ids.next("gen"), deploymentId, request.prompt(), result.text(),
                finishReason(result.finishReason()), new Usage(result.promptTokens(), result.generatedTokens()),
                clock.instant());
    }

    /** @return the PaiTIENT word for a TGI finish reason: {@code length} or {@code stop} */
    static String finishReason(String tgi) {
        return "length".equals(tgi) ? "length" : "stop";
    }
}
