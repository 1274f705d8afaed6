package com.securemodel.functions.aws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.core.deployment.ProvisionTask;
import com.securemodel.core.tenant.ClientId;
import java.util.Locale;

/**
 * The provisioning message body: {@code {"clientId","deploymentId","action","attempt"}}, {@code action} one of
 * {@code PROVISION}, {@code POLL}, {@code DELETE}.
 */
public final class ProvisionTaskJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProvisionTaskJson() {
    }

    public static String write(ProvisionTask task) {
        ObjectNode node = MAPPER.createObjectNode().put("clientId", task.clientId().value())
                .put("deploymentId", task.deploymentId()).put("action", task.action().name())
                .put("attempt", task.attempt());
        return node.toString();
    }

    /** @throws IllegalArgumentException when the body is not a provisioning message (the reason, no body text) */
    public static ProvisionTask read(String body) {
        JsonNode node;
        try {
            node = body == null ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        String clientId = text(node, "clientId");
        String deploymentId = text(node, "deploymentId");
        String action = text(node, "action");
        ProvisionTask.Action parsed;
        try {
            parsed = ProvisionTask.Action.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown action", e);
        }
        int attempt = node.path("attempt").canConvertToInt() ? node.path("attempt").asInt() : 0;
        try {
            return new ProvisionTask(new ClientId(clientId), deploymentId, parsed, attempt);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid clientId", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value.asText();
    }
}
