package com.securemodel.functions.tokens.internal;

/** One model's tokenizer, as the token counter uses it. Implementations never throw for any text. */
public interface ModelTokenizer {

    /** @return the {@code model_used} of the answer */
    String modelUsed();

    /** @return the {@code tokenizer_type} of the answer */
    String type();

    /** @return the tokens of a prompt as the model's server sees it (with the special tokens it adds, like BOS) */
    int countPrompt(String text);

    /** @return the tokens of a rendered chat template (special tokens written in the text; BOS not doubled) */
    int countRendered(String text);

    /** @return the tokens of a piece of text, no special tokens added (per-message counting) */
    int countPlain(String text);

    /** @return the model's chat template, or null when it has none */
    ChatTemplate chatTemplate();
}
