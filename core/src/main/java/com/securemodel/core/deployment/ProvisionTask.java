package com.securemodel.core.deployment;

import com.securemodel.core.tenant.ClientId;

/**
 * A message on the provisioning queue. Handling one twice is harmless: every step is idempotent.
 *
 * @param attempt how many times this action was polled or postponed already (bounds the waiting)
 */
public record ProvisionTask(ClientId clientId, String deploymentId, Action action, int attempt) {

    public enum Action {
        /** create the SageMaker model, endpoint config and endpoint, then poll */
        PROVISION,
        /** describe the endpoint; running/failed, or poll again later */
        POLL,
        /** point the endpoint at the deployment's new hosting revision (UpdateEndpoint), then poll */
        UPDATE,
        /** register or deregister the endpoint's autoscaling after a change of replicas or auto_scaling */
        SCALE,
        /** delete endpoint, config and model, then mark deleted */
        DELETE,
        /** delete the SageMaker resources of a failed or deleted deployment, leaving its status as it is */
        CLEANUP
    }
}
