package com.securemodel.functions.http.openai.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /chat/completions} (and its aliases), with every argument OpenAI clients send. Those the
 * backend cannot honour ({@code n} > 1, {@code logprobs}, tools, ...) are read so that they can be refused by
 * name, never dropped.
 */
public record ChatBody(String model, List<MessageBody> messages, Integer maxTokens, Integer maxCompletionTokens,
                       Double temperature, Double topP,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
                       Boolean stream, StreamOptions streamOptions, Long seed, Integer n, String user,
                       Double presencePenalty, Double frequencyPenalty, Boolean logprobs, Integer topLogprobs,
                       Integer topK, Double repetitionPenalty, Map<String, Double> logitBias, JsonNode tools,
                       JsonNode toolChoice, Boolean parallelToolCalls, JsonNode functions, JsonNode functionCall,
                       JsonNode responseFormat, Integer priority) {

    /** {@code stream_options}. */
    public record StreamOptions(Boolean includeUsage) {
    }

    /** One message; {@code content} is a string or a list of text parts. */
    public record MessageBody(String role, JsonNode content, String name) {
    }
}
