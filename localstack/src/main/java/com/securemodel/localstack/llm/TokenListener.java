package com.securemodel.localstack.llm;

/** Receives tokens while a generation runs (streaming). */
@FunctionalInterface
public interface TokenListener {

    TokenListener NONE = (id, text) -> { };

    /**
     * @param id the token id in the model's vocabulary, or -1 where the backend cannot tell it (a piece that is
     *        not exactly one vocabulary entry, or text released at the end of a generation)
     * @param text the decoded text of this token (may be empty for special tokens)
     */
    void onToken(int id, String text);
}
