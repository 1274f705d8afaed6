package com.securemodel.functions.http.openai.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /completions} (and its aliases). {@code prompt} is a string or a list of one string;
 * what the backend cannot honour ({@code n}, {@code best_of} > 1, {@code echo}, {@code suffix}, {@code logprobs})
 * is read so that it can be refused by name.
 */
public record CompletionBody(String model, JsonNode prompt, Integer maxTokens, Double temperature, Double topP,
                             @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
                             Boolean stream, ChatBody.StreamOptions streamOptions, Long seed, Integer n, String user,
                             Double presencePenalty, Double frequencyPenalty, Integer logprobs, Boolean echo,
                             Integer bestOf, String suffix, Integer topK, Double repetitionPenalty,
                             Map<String, Double> logitBias) {
}
