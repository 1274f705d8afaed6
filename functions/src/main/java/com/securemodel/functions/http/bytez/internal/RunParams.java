package com.securemodel.functions.http.bytez.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.ChatMessage;
import com.securemodel.core.generation.GenerateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a {@code /model/run} body to a generation: {@code prompt} or a string {@code input} is a prompt, a list of
 * {@code {role, content}} is a chat (the model's chat template applies), and the Hugging Face {@code params} map to
 * what the container honours. {@code max_length} caps the generated tokens (as bytez.js documents it) unless
 * {@code max_new_tokens} is given; {@code do_sample: false} is greedy decoding (temperature 0). The container cannot
 * force a minimum length: {@code min_length} and {@code min_new_tokens} other than 0 are refused by name, as is any
 * parameter not listed.
 */
final class RunParams {

    static final Set<String> SUPPORTED = Set.of("max_new_tokens", "max_length", "min_length", "min_new_tokens",
            "temperature", "top_k", "top_p", "do_sample", "repetition_penalty", "stop", "seed");

    private RunParams() {
    }

    static GenerateRequest toRequest(BytezBodies.RunBody body) {
        String prompt = null;
        List<ChatMessage> messages = null;
        if (body.prompt() != null && body.input() != null && !body.input().isNull()) {
            throw ServiceException.invalidRequest("Send either prompt or input, not both");
        }
        JsonNode input = body.input();
        if (body.prompt() != null) {
            prompt = body.prompt();
        } else if (input == null || input.isNull()) {
            throw ServiceException.invalidRequest("input is required: a string (text generation) or a list of "
                    + "{role, content} messages (chat)");
        } else if (input.isTextual()) {
            prompt = input.asText();
        } else if (input.isArray()) {
            messages = messages(input);
        } else {
            throw ServiceException.invalidRequest("input must be a string (text generation) or a list of {role, "
                    + "content} messages (chat)");
        }
        Map<String, JsonNode> params = body.params() == null ? Map.of() : body.params();
        for (String name : params.keySet()) {
            if (!SUPPORTED.contains(name)) {
                throw ServiceException.invalidRequest("params." + name + " is not supported by this model server; "
                        + "supported: " + String.join(", ", SUPPORTED.stream().sorted().toList()));
            }
        }
        for (String minimum : List.of("min_length", "min_new_tokens")) {
            Integer value = integer(params, minimum);
            if (value != null && value != 0) {
                throw ServiceException.invalidRequest("params." + minimum + " cannot be honoured: the model server "
                        + "cannot force a minimum length; remove it");
            }
        }
        Integer maxNew = integer(params, "max_new_tokens");
        Integer maxTokens = maxNew != null ? maxNew : integer(params, "max_length");
        Double temperature = number(params, "temperature");
        Boolean doSample = bool(params, "do_sample");
        if (Boolean.FALSE.equals(doSample)) {
            temperature = 0.0;
        }
        Integer seed = integer(params, "seed");
        return new GenerateRequest(prompt, messages, maxTokens, temperature, number(params, "top_p"), stop(params),
                integer(params, "top_k"), number(params, "repetition_penalty"), null, null,
                seed == null ? null : seed.longValue());
    }

    private static List<ChatMessage> messages(JsonNode input) {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            JsonNode m = input.get(i);
            if (!m.isObject() || !m.path("role").isTextual() || !m.path("content").isTextual()) {
                throw ServiceException.invalidRequest("input[" + i + "] must be {\"role\": \"user\", \"content\": "
                        + "\"...\"}");
            }
            messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
        }
        return messages;
    }

    private static Integer integer(Map<String, JsonNode> params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ServiceException.invalidRequest("params." + name + " must be an integer");
        }
        return value.asInt();
    }

    private static Double number(Map<String, JsonNode> params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw ServiceException.invalidRequest("params." + name + " must be a number");
        }
        return value.asDouble();
    }

    private static Boolean bool(Map<String, JsonNode> params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ServiceException.invalidRequest("params." + name + " must be true or false");
        }
        return value.asBoolean();
    }

    private static List<String> stop(Map<String, JsonNode> params) {
        JsonNode value = params.get("stop");
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        List<String> stops = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode s : value) {
                if (!s.isTextual()) {
                    throw ServiceException.invalidRequest("params.stop must be a string or a list of strings");
                }
                stops.add(s.asText());
            }
            return stops;
        }
        throw ServiceException.invalidRequest("params.stop must be a string or a list of strings");
    }
}
