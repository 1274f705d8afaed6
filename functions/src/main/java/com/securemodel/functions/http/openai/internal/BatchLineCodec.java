package com.securemodel.functions.http.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.core.batch.BatchCodec;
import com.securemodel.core.batch.BatchLine;
import com.securemodel.core.batch.BatchSummary;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.GenerateRequest;
import com.securemodel.core.generation.GenerateResult;
import com.securemodel.functions.http.error.ApiError;
import com.securemodel.functions.http.openai.OpenAiErrorFormat;
import com.securemodel.functions.http.openai.internal.OpenAiViews.ChatChoice;
import com.securemodel.functions.http.openai.internal.OpenAiViews.ChatCompletion;
import com.securemodel.functions.http.openai.internal.OpenAiViews.ChatMessageView;
import com.securemodel.functions.http.openai.internal.OpenAiViews.Completion;
import com.securemodel.functions.http.openai.internal.OpenAiViews.TextChoice;
import com.securemodel.functions.http.openai.internal.OpenAiViews.UsageView;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch file formats, read with the same rules as the OpenAI routes: OpenAI batch lines ({@code custom_id},
 * {@code method}, {@code url}, {@code body}), plain prompt lines ({@code prompt}, optional {@code id},
 * {@code max_tokens}, {@code temperature}, {@code top_p}, {@code stop}) and plain text (a prompt per line);
 * output lines in OpenAI's batch output format.
 *
 * @see <a href="https://platform.openai.com/docs/guides/batch">OpenAI Batch API</a>
 */
public final class BatchLineCodec implements BatchCodec {

    private static final Set<String> PLAIN_FIELDS = Set.of("prompt", "id", "max_tokens", "temperature", "top_p",
            "stop");
    private static final Set<String> OPENAI_FIELDS = Set.of("custom_id", "method", "url", "body");

    private final ObjectMapper json;
    /** Any JSON value, but one value per line: {@code {"prompt": "x"} trailing} is not valid. */
    private final ObjectMapper lenient = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** @param json the OpenAI dialect's mapper (strict requests, snake_case) */
    public BatchLineCodec(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public BatchLine parse(long number, String text) {
        if (text.isBlank()) {
            return null;
        }
        String line = text.strip();
        if (!line.startsWith("{")) {
            return new BatchLine(number, BatchLine.defaultId(number), BatchLine.COMPLETIONS, null,
                    new GenerateRequest(line, null, null, null, null), null);
        }
        JsonNode node;
        try {
            node = lenient.readTree(line);
        } catch (JsonProcessingException e) {
            return BatchLine.bad(number, null, null, ServiceException.invalidRequest(
                    "Line " + (number + 1) + " is not valid JSON"));
        }
        if (!node.isObject()) {
            return BatchLine.bad(number, null, null, ServiceException.invalidRequest(
                    "Line " + (number + 1) + " must be a JSON object"));
        }
        return node.has("custom_id") || node.has("body") || node.has("url") ? openAi(number, (ObjectNode) node)
                : plain(number, (ObjectNode) node);
    }

    private BatchLine openAi(long number, ObjectNode node) {
        JsonNode customId = node.get("custom_id");
        String id = customId != null && customId.isTextual() ? customId.asText() : null;
        String url = node.path("url").asText(null);
        try {
            String unknown = unknown(node, OPENAI_FIELDS);
            if (unknown != null) {
                throw ServiceException.invalidRequest("Unknown field '" + unknown + "' in a batch request line");
            }
            if (id == null || id.isBlank()) {
                throw ServiceException.invalidRequest("custom_id is required: a string naming the request");
            }
            if (node.has("method") && !"POST".equals(node.path("method").asText())) {
                throw ServiceException.invalidRequest("method must be POST");
            }
            if (!BatchLine.CHAT.equals(url) && !BatchLine.COMPLETIONS.equals(url)) {
                throw ServiceException.invalidRequest("url must be /v1/chat/completions or /v1/completions");
            }
            JsonNode body = node.get("body");
            if (body == null || !body.isObject()) {
                throw ServiceException.invalidRequest("body is required: the request body of " + url);
            }
            if (BatchLine.CHAT.equals(url)) {
                ChatBody chat = read(body, ChatBody.class, url);
                return new BatchLine(number, id, url, chat.model(), OpenAiRequests.chat(chat, false), null);
            }
            CompletionBody completion = read(body, CompletionBody.class, url);
            return new BatchLine(number, id, url, completion.model(), OpenAiRequests.completion(completion), null);
        } catch (ServiceException e) {
            return BatchLine.bad(number, id, url, e);
        }
    }

    private BatchLine plain(long number, ObjectNode node) {
        JsonNode idNode = node.get("id");
        String id = idNode != null && (idNode.isTextual() || idNode.isNumber()) ? idNode.asText() : null;
        try {
            String unknown = unknown(node, PLAIN_FIELDS);
            if (unknown != null) {
                throw ServiceException.invalidRequest("Unknown field '" + unknown
                        + "' in a prompt line: prompt, id, max_tokens, temperature, top_p, stop");
            }
            JsonNode prompt = node.get("prompt");
            if (prompt == null || !prompt.isTextual() || prompt.asText().isEmpty()) {
                throw ServiceException.invalidRequest("prompt is required: a non-empty string");
            }
            PlainPrompt values = read(node, PlainPrompt.class, "a prompt line");
            return new BatchLine(number, id == null ? BatchLine.defaultId(number) : id, BatchLine.COMPLETIONS, null,
                    new GenerateRequest(values.prompt(), values.maxTokens(), values.temperature(), values.topP(),
                            values.stop()), null);
        } catch (ServiceException e) {
            return BatchLine.bad(number, id, BatchLine.COMPLETIONS, e);
        }
    }

    /** A plain prompt line. */
    record PlainPrompt(String prompt, JsonNode id, Integer maxTokens, Double temperature, Double topP,
                       @com.fasterxml.jackson.annotation.JsonFormat(
                               with = com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                       List<String> stop) {
    }

    private <T> T read(JsonNode node, Class<T> type, String what) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                    && !mapping.getPath().isEmpty() ? mapping.getPath().getLast().getFieldName() : null;
            throw ServiceException.invalidRequest(field == null ? "The body of " + what + " is not a valid request"
                    : "Field '" + field + "' of " + what + " is unknown or has the wrong type");
        }
    }

    private static String unknown(ObjectNode node, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return name;
            }
        }
        return null;
    }

    @Override
    public String success(BatchLine line, GenerateResult result, String model, String requestId) {
        long created = result.createdAt().getEpochSecond();
        UsageView usage = UsageView.of(result.usage());
        String suffix = requestId.substring("batch_req_".length());
        Object body = line.chat()
                ? new ChatCompletion("chatcmpl-" + suffix, "chat.completion", created, model,
                        List.of(new ChatChoice(0, new ChatMessageView("assistant", result.completion(), null), null,
                                result.finishReason())), usage, null)
                : new Completion("cmpl-" + suffix, "text_completion", created, model,
                        List.of(new TextChoice(result.completion(), 0, null, result.finishReason())), usage, null);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status_code", 200);
        response.put("request_id", "req_" + suffix);
        response.put("body", body);
        return write(record(requestId, line.customId(), response, null));
    }

    @Override
    public String failure(BatchLine line, ServiceException error, String requestId) {
        String suffix = requestId.substring("batch_req_".length());
        ApiError api = new ApiError(error.httpStatus(), error.code().wire(), error.getMessage(), "req_" + suffix,
                Map.of());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status_code", error.httpStatus());
        response.put("request_id", "req_" + suffix);
        response.put("body", new OpenAiErrorFormat().body(api));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", error.code().wire());
        detail.put("message", error.getMessage());
        return write(record(requestId, line.customId(), response, detail));
    }

    private static Map<String, Object> record(String id, String customId, Object response, Object error) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("custom_id", customId);
        record.put("response", response);
        record.put("error", error);
        return record;
    }

    @Override
    public String summary(BatchSummary summary) {
        return write(summary);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a batch line", e);
        }
    }
}
