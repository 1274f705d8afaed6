package com.securemodel.functions.aws.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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

    /**
     * The container request: TGI's {@code {"inputs", "parameters"}} for a prompt, the Messages API body for a chat.
     * Temperature 0 means greedy decoding: a prompt request then leaves out the sampling parameters (TGI refuses a
     * temperature of 0 and samples when {@code top_p} or {@code top_k} is given); the Messages API takes 0 as it is.
     */
    public static byte[] request(InvocationRequest request, boolean stream) {
        try {
            return MAPPER.writeValueAsBytes(request.chat() ? chatRequest(request, stream)
                    : promptRequest(request, stream));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a container request", e);
        }
    }

    private static ObjectNode promptRequest(InvocationRequest request, boolean stream) {
        ObjectNode body = MAPPER.createObjectNode().put("inputs", request.prompt());
        ObjectNode parameters = body.putObject("parameters").put("max_new_tokens", request.maxNewTokens());
        boolean greedy = request.temperature() != null && request.temperature() == 0;
        if (greedy) {
            parameters.put("do_sample", false);
        } else {
            putIfPresent(parameters, "temperature", request.temperature());
            putIfPresent(parameters, "top_p", request.topP());
            putIfPresent(parameters, "top_k", request.topK());
        }
        putCommon(parameters, request);
        parameters.put("details", true);
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private static ObjectNode chatRequest(InvocationRequest request, boolean stream) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        body.put("max_tokens", request.maxNewTokens());
        putIfPresent(body, "temperature", request.temperature());
        putIfPresent(body, "top_p", request.topP());
        putIfPresent(body, "top_k", request.topK());
        putCommon(body, request);
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private static void putCommon(ObjectNode node, InvocationRequest request) {
        putIfPresent(node, "repetition_penalty", request.repetitionPenalty());
        putIfPresent(node, "presence_penalty", request.presencePenalty());
        putIfPresent(node, "frequency_penalty", request.frequencyPenalty());
        if (!request.stop().isEmpty()) {
            ArrayNode stop = node.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (request.seed() != null) {
            node.put("seed", request.seed());
        }
    }

    /**
     * A chat answer: OpenAI's {@code chat.completion} (TGI Messages API, LMI), with {@code usage}.
     *
     * @throws IllegalArgumentException when the body is not one
     */
    public static InvocationResult chatResponse(byte[] body, int inputLength) {
        JsonNode root = parse(body);
        JsonNode choice = root.path("choices").path(0);
        JsonNode text = choice.path("message").get("content");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("response has no choices[0].message.content");
        }
        JsonNode usage = root.path("usage");
        int completion = usage.path("completion_tokens").canConvertToInt() ? usage.path("completion_tokens").asInt()
                : estimate(text.asText().length());
        return new InvocationResult(text.asText(), choice.path("finish_reason").asText("stop"),
                usage.path("prompt_tokens").canConvertToInt() ? usage.path("prompt_tokens").asInt()
                        : estimate(inputLength), completion);
    }

    /**
     * Sums a chat stream ({@code chat.completion.chunk} events) into the whole result: the text, the finish reason
     * and the usage of the last usage-bearing chunk (else the chunk count and an estimate from the input length).
     */
    public static final class ChatStream {

        private final StringBuilder text = new StringBuilder();
        private final int inputLength;
        private String finishReason;
        private int chunks;
        private Integer promptTokens;
        private Integer completionTokens;

        public ChatStream(int inputLength) {
            this.inputLength = inputLength;
        }

        /**
         * Reads one chunk with a streaming parser (it runs once per token): {@code choices[0].delta.content},
         * {@code choices[0].finish_reason} and {@code usage}; everything else is skipped.
         *
         * @return the text of this chunk, or null when it has none
         * @throws IllegalArgumentException when the chunk is not JSON
         */
        public String accept(String data) {
            String content = null;
            try (JsonParser parser = MAPPER.getFactory().createParser(data)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("chunk is not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("choices".equals(field) && value == JsonToken.START_ARRAY) {
                        int index = 0;
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            if (index++ == 0 && parser.currentToken() == JsonToken.START_OBJECT) {
                                content = choice(parser);
                            } else {
                                parser.skipChildren();
                            }
                        }
                    } else if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                        usage(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                // no cause: the parser's message quotes the chunk, which is model output
                throw new IllegalArgumentException("chunk is not JSON");
            }
            if (content == null || content.isEmpty()) {
                return null;
            }
            chunks++;
            text.append(content);
            return content;
        }

        private String choice(JsonParser parser) throws IOException {
            String content = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("delta".equals(field) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken inner = parser.nextToken();
                        if ("content".equals(name) && inner == JsonToken.VALUE_STRING) {
                            content = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else if ("finish_reason".equals(field) && value == JsonToken.VALUE_STRING) {
                    finishReason = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            return content;
        }

        private void usage(JsonParser parser) throws IOException {
            Integer prompt = null;
            Integer completion = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT && "prompt_tokens".equals(field)) {
                    prompt = parser.getIntValue();
                } else if (value == JsonToken.VALUE_NUMBER_INT && "completion_tokens".equals(field)) {
                    completion = parser.getIntValue();
                } else {
                    parser.skipChildren();
                }
            }
            if (completion != null) {
                promptTokens = prompt == null ? 0 : prompt;
                completionTokens = completion;
            }
        }

        /** @throws IllegalArgumentException when the stream never said how it finished */
        public InvocationResult result() {
            if (finishReason == null) {
                throw new IllegalArgumentException("stream ended without a finish reason");
            }
            return new InvocationResult(text.toString(), finishReason,
                    promptTokens != null ? promptTokens : estimate(inputLength),
                    completionTokens != null ? completionTokens : chunks);
        }
    }

    private static int estimate(int chars) {
        return chars == 0 ? 0 : Math.max(1, (chars + 3) / 4);
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

    private static void putIfPresent(ObjectNode node, String field, Integer value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
