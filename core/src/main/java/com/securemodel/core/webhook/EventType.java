package com.securemodel.core.webhook;

import java.util.Arrays;
import java.util.List;

/**
 * The events a webhook can subscribe to: the seven {@code deployment.*} events of the deployments reference, and
 * {@code webhook.test}, which only a test delivery sends (to that one webhook).
 */
public enum EventType {
    DEPLOYMENT_CREATED("deployment.created"),
    DEPLOYMENT_UPDATED("deployment.updated"),
    DEPLOYMENT_DELETED("deployment.deleted"),
    DEPLOYMENT_STATUS_CHANGED("deployment.status_changed"),
    DEPLOYMENT_HEALTH_CHANGED("deployment.health_changed"),
    DEPLOYMENT_SCALING_CHANGED("deployment.scaling_changed"),
    DEPLOYMENT_ERROR("deployment.error"),
    WEBHOOK_TEST("webhook.test");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** @return the name on the wire, for example {@code deployment.status_changed} */
    public String wire() {
        return wire;
    }

    /** @return the events a webhook may subscribe to (every one but {@code webhook.test}) */
    public static List<EventType> subscribable() {
        return Arrays.stream(values()).filter(t -> t != WEBHOOK_TEST).toList();
    }

    /** @return the subscribable event named {@code wire}, or null */
    public static EventType fromWire(String wire) {
        return subscribable().stream().filter(t -> t.wire.equals(wire)).findFirst().orElse(null);
    }
}
