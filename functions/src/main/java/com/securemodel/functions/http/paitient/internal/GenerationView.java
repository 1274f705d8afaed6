package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.generation.GenerateResult;

/** The body of a generation, as the REST reference writes it. */
public record GenerationView(String id, String deploymentId, String prompt, String completion, String finishReason,
                             UsageView usage) {

    /** Token counts. */
    public record UsageView(int promptTokens, int completionTokens, int totalTokens) {
    }

    public static GenerationView of(GenerateResult result) {
        return new GenerationView(result.id(), result.deploymentId(), result.prompt(), result.completion(),
                result.finishReason(), new UsageView(result.usage().promptTokens(), result.usage().completionTokens(),
                result.usage().totalTokens()));
    }
}
