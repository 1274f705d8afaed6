package com.securemodel.localstack.llm;

import java.util.List;

/**
 * What to generate, in the terms of the TGI-compatible container format ({@code inputs} or {@code messages},
 * plus {@code parameters}). Exactly one of {@code prompt} and {@code messages} is set. Nullable boxed fields
 * mean "not given": the generator applies its defaults.
 */
public record GenerationSpec(
        String prompt,
        List<ChatMessage> messages,
        int maxNewTokens,
        Double temperature,
        Double topP,
        Integer topK,
        Double repetitionPenalty,
        List<String> stop,
        Long seed,
        boolean doSample) {

    public GenerationSpec {
        stop = stop == null ? List.of() : List.copyOf(stop);
        messages = messages == null ? null : List.copyOf(messages);
    }

    /** A plain prompt with greedy decoding. */
    public static GenerationSpec ofPrompt(String prompt, int maxNewTokens) {
        return new GenerationSpec(prompt, null, maxNewTokens, null, null, null, null, List.of(), null, false);
    }
}
