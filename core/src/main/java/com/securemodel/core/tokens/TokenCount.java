package com.securemodel.core.tokens;

/**
 * What {@link TokenCounter} found.
 *
 * @param totalTokens the token count
 * @param modelUsed the model whose tokenizer counted (the fallback's name when none was found)
 * @param tokenizerType {@code huggingface_tokenizer}, {@code gguf_vocabulary} or {@code openai_tokenizer}
 *        (jtokkit cl100k_base, the fallback)
 */
public record TokenCount(int totalTokens, String modelUsed, String tokenizerType) {
}
