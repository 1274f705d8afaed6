package com.securemodel.core.hosting;

import com.securemodel.core.generation.ChatMessage;
import java.util.List;

/**
 * One generation, in the container's terms: TGI {@code inputs} + {@code parameters}, or a {@code messages} body
 * (the Messages API, where the model's chat template applies). Null means the container's default.
 *
 * @param prompt the text to continue; null when {@code messages} is set
 * @param messages the chat; null for a plain prompt
 */
public record InvocationRequest(String prompt, List<ChatMessage> messages, int maxNewTokens, Double temperature,
                                Double topP, Integer topK, Double repetitionPenalty, Double presencePenalty,
                                Double frequencyPenalty, List<String> stop, Long seed) {

    public InvocationRequest {
        stop = stop == null ? List.of() : List.copyOf(stop);
        messages = messages == null ? null : List.copyOf(messages);
    }

    /** A plain prompt without penalties. */
    public InvocationRequest(String prompt, int maxNewTokens, Double temperature, Double topP, Integer topK,
                             List<String> stop, Long seed) {
        this(prompt, null, maxNewTokens, temperature, topP, topK, null, null, null, stop, seed);
    }

    public boolean chat() {
        return messages != null;
    }

    /** @return the characters of the input (prompt, or every message's content), for estimates */
    public int inputLength() {
        return prompt != null ? prompt.length() : messages.stream().mapToInt(m -> m.content().length()).sum();
    }
}
