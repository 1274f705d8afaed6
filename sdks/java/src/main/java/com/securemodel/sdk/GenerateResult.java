package com.securemodel.sdk;

/** A generation: {@link #text()} is the completion. */
public record GenerateResult(
        String id,
        String deploymentId,
        String prompt,
        String completion,
        String finishReason,
        Usage usage) {

    /** The generated text (the answer's {@code completion}). */
    public String text() {
        return completion;
    }
}
