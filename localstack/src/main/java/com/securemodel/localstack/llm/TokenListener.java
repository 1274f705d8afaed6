package com.securemodel.localstack.llm;

/** Receives tokens while a generation runs (streaming). */
@FunctionalInterface
public interface TokenListener {

    TokenListener NONE = (id, text) -> { };

    /**
     * @param id the token id in the model's vocabulary
     * @param text the decoded text of this token (may be empty for special tokens)
     */
    void onToken(int id, String text);
}
