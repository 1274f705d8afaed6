package com.securemodel.functions.aws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.bytez.ModelJobTask;
import com.securemodel.core.tenant.ClientId;

/** The Bytez job message body: {@code {"clientId","modelId"}}. */
public final class ModelJobTaskJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelJobTaskJson() {
    }

    public static String write(ModelJobTask task) {
        return MAPPER.createObjectNode().put("clientId", task.clientId().value()).put("modelId", task.modelId())
                .toString();
    }

    /** @throws IllegalArgumentException when the body is not a job message (the reason, no body text) */
    public static ModelJobTask read(String body) {
        JsonNode node;
        try {
            node = body == null ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not JSON", e);
        }
        if (node == null || !node.path("clientId").isTextual() || !node.path("modelId").isTextual()) {
            throw new IllegalArgumentException("body lacks clientId or modelId");
        }
        try {
            return new ModelJobTask(new ClientId(node.get("clientId").asText()), node.get("modelId").asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid clientId", e);
        }
    }
}
