package com.securemodel.functions.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.InvocationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The TGI-compatible container format: request {@code {"inputs", "parameters": {max_new_tokens, temperature,
 * top_p, top_k, stop, seed, details: true}}}; response {@code [{"generated_text", "details": {"finish_reason",
 * "generated_tokens", "prefill", ...}}]}; stream events {@code data:{"token": {"text", "special"}, ...}} whose last
 * one carries {@code generated_text} and {@code details}.
 *
 * <p>Prompt tokens: {@code details.input_length} or {@code details.prompt_tokens} when the container reports it,
 * else the length of {@code details.prefill} when not empty, else an estimate of one token per 4 characters.
 *
 * @see <a href="https://huggingface.github.io/text-generation-inference/">TGI API</a>
 */
public final class TgiJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TgiJson() {
    }

    public static byte[] request(InvocationRequest request, boolean stream) {
        ObjectNode body = MAPPER.createObjectNode().put("inputs", request.prompt());
        ObjectNode parameters = body.putObject("parameters").put("max_new_tokens", request.maxNewTokens());
        putIfPresent(parameters, "temperature", request.temperature());
        putIfPresent(parameters, "top_p", request.topP());
        if (request.topK() != null) {
            parameters.put("top_k", request.topK());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = parameters.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (request.seed() != null) {
            parameters.put("seed", request.seed());
        }
        parameters.put("details", true);
        if (stream) {
            body.put("stream", true);
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the body is not a TGI response */
    public static InvocationResult response(byte[] body, String prompt) {
        JsonNode root = parse(body);
        JsonNode result = root.isArray() ? root.path(0) : root;
        JsonNode text = result.get("generated_text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("response has no generated_text");
        }
        return result(text.asText(), result.path("details"), prompt);
    }

    /**
     * One server-sent event's data.
     *
     * @return the token text (null for special tokens), and the final result on the last event
     */
    public static StreamEvent streamEvent(String data, String prompt) {
        JsonNode event = parse(data.getBytes(StandardCharsets.UTF_8));
        JsonNode token = event.path("token");
        String text = token.path("special").asBoolean(false) || !token.path("text").isTextual() ? null
                : token.path("text").asText();
        JsonNode generated = event.get("generated_text");
        InvocationResult last = generated != null && generated.isTextual()
                ? result(generated.asText(), event.path("details"), prompt) : null;
        return new StreamEvent(text, last);
    }

    /** @param last the whole result, on the last event only */
    public record StreamEvent(String tokenText, InvocationResult last) {
    }

    private static InvocationResult result(String text, JsonNode details, String prompt) {
        String finish = details.path("finish_reason").isTextual() ? details.path("finish_reason").asText() : "length";
        int generated = details.path("generated_tokens").canConvertToInt() ? details.path("generated_tokens").asInt()
                : details.path("tokens").size();
        return new InvocationResult(text, finish, promptTokens(details, prompt), generated);
    }

    private static int promptTokens(JsonNode details, String prompt) {
        for (String field : new String[] {"input_length", "prompt_tokens"}) {
            if (details.path(field).canConvertToInt()) {
                return details.path(field).asInt();
            }
        }
        if (details.path("prefill").size() > 0) {
            return details.path("prefill").size();
        }
        return prompt == null || prompt.isEmpty() ? 0 : Math.max(1, (prompt.length() + 3) / 4);
    }

    /** The {@code error} of a TGI error body, or null. */
    public static String errorText(String body) {
        try {
            JsonNode error = body == null ? null : MAPPER.readTree(body).get("error");
            return error != null && error.isTextual() ? error.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            // no cause: the parser's message quotes the body, which is model output
            throw new IllegalArgumentException("response is not JSON");
        }
    }

    private static void putIfPresent(ObjectNode node, String field, Double value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
