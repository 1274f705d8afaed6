package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The one {@link ObjectMapper} of the emulator and small helpers around it. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String string(JsonNode node) {
        return new String(bytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Parses a body; throws {@link IOException} on malformed JSON so callers answer their own error shape. */
    static JsonNode parse(byte[] body) throws IOException {
        return body.length == 0 ? object() : MAPPER.readTree(body);
    }

    /** AWS JSON 1.1 timestamps are epoch seconds with a fraction. */
    static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
