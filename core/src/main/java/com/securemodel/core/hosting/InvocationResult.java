package com.securemodel.core.hosting;

/**
 * What the container generated.
 *
 * @param finishReason TGI's words: {@code length}, {@code eos_token} or {@code stop_sequence}
 */
public record InvocationResult(String text, String finishReason, int promptTokens, int generatedTokens) {
}
