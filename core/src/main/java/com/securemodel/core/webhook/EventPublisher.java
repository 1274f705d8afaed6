package com.securemodel.core.webhook;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.tenant.ClientId;
import java.util.Map;

/**
 * Where deployment code reports what happened; the webhook service turns it into deliveries. Implementations are
 * best effort towards the caller: the change is stored already, so a failure to publish never undoes or fails it.
 */
@FunctionalInterface
public interface EventPublisher {

    /** Publishes nothing (tests, and services wired without webhooks). */
    EventPublisher NONE = (clientId, type, deploymentId, data) -> { };

    /**
     * @param data flat values (strings, numbers, booleans) about the deployment; never prompts or completions
     */
    void publish(ClientId clientId, EventType type, String deploymentId, Map<String, Object> data);

    /** Publishes {@code type} for {@code deployment} with its summary and {@code extra} (null values left out). */
    default void publish(EventType type, Deployment deployment, Map<String, Object> extra) {
        publish(deployment.clientId(), type, deployment.id(), DeploymentEventData.of(deployment, extra));
    }
}
