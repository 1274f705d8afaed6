package com.securemodel.localstack.llm;

/**
 * A finished generation.
 *
 * @param text the generated text (without the prompt, without a matched stop sequence)
 * @param finishReason TGI's words: {@code length}, {@code eos_token} or {@code stop_sequence}
 * @param generatedTokens how many tokens were generated
 * @param promptTokens how many tokens the prompt (after the chat template) had
 */
public record Generation(String text, String finishReason, int generatedTokens, int promptTokens) {
}
