package com.securemodel.core.generation;

import java.util.List;

/**
 * One generation, in any dialect: a {@code prompt} or chat {@code messages} (exactly one), and sampling settings.
 * Null means the deployment's (or the container's) default.
 *
 * @param messages a chat, sent to the container as a {@code messages} body so the model's chat template applies
 * @param topK sample from the k most likely tokens
 * @param repetitionPenalty 1 means none
 * @param presencePenalty OpenAI's, between -2 and 2
 * @param frequencyPenalty OpenAI's, between -2 and 2
 * @param seed for reproducible sampling
 */
public record GenerateRequest(String prompt, List<ChatMessage> messages, Integer maxTokens, Double temperature,
                              Double topP, List<String> stop, Integer topK, Double repetitionPenalty,
                              Double presencePenalty, Double frequencyPenalty, Long seed) {

    public GenerateRequest {
        stop = stop == null ? List.of() : List.copyOf(stop);
        messages = messages == null ? null : List.copyOf(messages);
    }

    /** A plain prompt (the PaiTIENT generate body). */
    public GenerateRequest(String prompt, Integer maxTokens, Double temperature, Double topP, List<String> stop) {
        this(prompt, null, maxTokens, temperature, topP, stop, null, null, null, null, null);
    }

    public boolean chat() {
        return messages != null;
    }
}
