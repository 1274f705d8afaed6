package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.localstack.llm.ChatMessage;
import com.securemodel.localstack.llm.GenerationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A request in the TGI-compatible container format, parsed and validated as TGI does (its wording included).
 * {@code {"inputs": ..., "parameters": {...}}} is TGI's {@code /generate}; a body with {@code messages} is its
 * Messages API ({@code /v1/chat/completions}: {@code max_tokens}, {@code temperature}, {@code top_p},
 * {@code stop}, {@code seed}, {@code top_k}, {@code repetition_penalty} at top level; a temperature of 0 is greedy
 * decoding; {@code stream_options.include_usage} adds a usage chunk to a stream, as vLLM does). When {@code max_new_tokens} / {@code max_tokens} is absent,
 * {@link #DEFAULT_MAX_NEW_TOKENS} tokens are generated. Sampling is on when {@code do_sample} is true or a sampling
 * parameter is given (TGI's rule); a sampling request without a seed gets a random one, reported in the details.
 *
 * @see <a href="https://huggingface.github.io/text-generation-inference/">TGI API</a>
 */
record TgiRequest(GenerationSpec spec, boolean chat, boolean details, boolean returnFullText, boolean includeUsage) {

    static final int DEFAULT_MAX_NEW_TOKENS = 100;
    private static final int MAX_STOP_SEQUENCES = 4;
    private static final String DESERIALIZE = "Failed to deserialize the JSON body into the target type: ";

    static TgiRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new ContainerRejection(400, "Failed to parse the request body as JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new ContainerRejection(422, DESERIALIZE + "invalid type: expected a JSON object with `inputs`"
                    + " or `messages`");
        }
        return root.has("messages") ? chat(root) : generate(root);
    }

    private static TgiRequest generate(JsonNode root) {
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isTextual()) {
            throw new ContainerRejection(422, DESERIALIZE + (inputs == null ? "missing field `inputs`"
                    : "inputs: invalid type: " + inputs.getNodeType().name().toLowerCase() + ", expected a string"));
        }
        Parameters p = new Parameters(root.path("parameters"), "parameters.");
        Integer maxNewTokens = p.unsigned("max_new_tokens");
        Double temperature = p.positive("temperature");
        Double topP = p.number("top_p");
        if (topP != null && (topP <= 0 || topP >= 1)) {
            throw new ContainerRejection(422, "`top_p` must be > 0.0 and < 1.0");
        }
        Integer topK = p.unsigned("top_k");
        if (topK != null && topK == 0) {
            throw new ContainerRejection(422, "`top_k` must be strictly positive");
        }
        Double repetitionPenalty = p.positive("repetition_penalty");
        boolean doSample = p.bool("do_sample") || temperature != null && temperature != 1.0 || topP != null
                || topK != null;
        GenerationSpec spec = new GenerationSpec(inputs.asText(), null, maxNewTokens(maxNewTokens), temperature,
                topP, topK, repetitionPenalty, p.stop(), seed(p.seed(), doSample), doSample);
        return new TgiRequest(spec, false, p.bool("details"), p.bool("return_full_text"), false);
    }

    private static TgiRequest chat(JsonNode root) {
        Parameters p = new Parameters(root, "");
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode message : iterable(root.get("messages"), "messages")) {
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual()) {
                throw new ContainerRejection(422, DESERIALIZE + "messages: missing field `role`");
            }
            messages.add(new ChatMessage(role.asText(), content(message.get("content"))));
        }
        if (messages.isEmpty()) {
            throw new ContainerRejection(422, "`messages` must not be empty");
        }
        Double temperature = p.number("temperature");
        Double topP = p.number("top_p");
        if (topP != null && (topP <= 0 || topP >= 1)) {
            throw new ContainerRejection(422, "`top_p` must be > 0.0 and < 1.0");
        }
        Integer topK = p.unsigned("top_k");
        if (topK != null && topK == 0) {
            throw new ContainerRejection(422, "`top_k` must be strictly positive");
        }
        Double repetitionPenalty = p.positive("repetition_penalty");
        boolean greedy = temperature != null && temperature == 0;
        boolean doSample = !greedy && (temperature != null || topP != null || topK != null);
        GenerationSpec spec = new GenerationSpec(null, messages, maxNewTokens(p.unsigned("max_tokens")),
                greedy ? null : temperature, greedy ? null : topP, greedy ? null : topK, repetitionPenalty, p.stop(),
                seed(p.seed(), doSample), doSample);
        JsonNode options = root.path("stream_options");
        return new TgiRequest(spec, true, false, false, options.path("include_usage").asBoolean(false));
    }

    private static int maxNewTokens(Integer requested) {
        if (requested == null) {
            return DEFAULT_MAX_NEW_TOKENS;
        }
        if (requested == 0) {
            throw new ContainerRejection(422, "`max_new_tokens` must be strictly positive");
        }
        return requested;
    }

    private static Long seed(Long requested, boolean doSample) {
        if (requested != null || !doSample) {
            return requested;
        }
        return ThreadLocalRandom.current().nextLong(0, Long.MAX_VALUE);
    }

    private static String content(JsonNode content) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : iterable(content, "messages.content")) {
            if (!"text".equals(chunk.path("type").asText())) {
                throw new ContainerRejection(422, "This model only reads text: content chunks of type `"
                        + chunk.path("type").asText() + "` are not supported");
            }
            text.append(chunk.path("text").asText());
        }
        return text.toString();
    }

    private static Iterable<JsonNode> iterable(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw new ContainerRejection(422, DESERIALIZE + field + ": invalid type: expected a sequence");
        }
        return node;
    }

    /** Typed reads of optional parameters with serde's error wording. */
    private record Parameters(JsonNode node, String prefix) {

        Integer unsigned(String field) {
            JsonNode value = value(field);
            if (value == null) {
                return null;
            }
            if (!value.isIntegralNumber()) {
                throw invalidType(field, value, "u32");
            }
            if (value.asLong() < 0 || value.asLong() > 0xFFFFFFFFL) {
                throw new ContainerRejection(422, DESERIALIZE + prefix + field + ": invalid value: integer `"
                        + value.asText() + "`, expected u32");
            }
            return (int) Math.min(value.asLong(), Integer.MAX_VALUE);
        }

        Double number(String field) {
            JsonNode value = value(field);
            if (value == null) {
                return null;
            }
            if (!value.isNumber()) {
                throw invalidType(field, value, "f32");
            }
            return value.asDouble();
        }

        Double positive(String field) {
            Double value = number(field);
            if (value != null && value <= 0) {
                throw new ContainerRejection(422, "`" + field + "` must be strictly positive");
            }
            return value;
        }

        boolean bool(String field) {
            JsonNode value = value(field);
            if (value != null && !value.isBoolean()) {
                throw invalidType(field, value, "a boolean");
            }
            return value != null && value.asBoolean();
        }

        Long seed() {
            JsonNode value = value("seed");
            if (value != null && (!value.isIntegralNumber() || value.asLong() < 0)) {
                throw invalidType("seed", value, "u64");
            }
            return value == null ? null : value.asLong();
        }

        List<String> stop() {
            JsonNode value = value("stop");
            if (value == null) {
                return List.of();
            }
            if (value.isTextual()) {
                return List.of(value.asText());
            }
            List<String> stop = new ArrayList<>();
            for (JsonNode item : iterable(value, prefix + "stop")) {
                if (!item.isTextual()) {
                    throw invalidType("stop", item, "a string");
                }
                stop.add(item.asText());
            }
            if (stop.size() > MAX_STOP_SEQUENCES) {
                throw new ContainerRejection(422, "`stop` supports up to " + MAX_STOP_SEQUENCES
                        + " stop sequences. Given: " + stop.size());
            }
            return stop;
        }

        private JsonNode value(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value;
        }

        private ContainerRejection invalidType(String field, JsonNode value, String expected) {
            return new ContainerRejection(422, DESERIALIZE + prefix + field + ": invalid type: "
                    + value.getNodeType().name().toLowerCase() + " `" + value + "`, expected " + expected);
        }
    }
}
