package com.securemodel.functions.tokens.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * The fallback: OpenAI's {@code cl100k_base} through jtokkit. Special-token texts count as ordinary text (jtokkit's
 * {@code encode} would refuse them). It has no chat template, so messages are counted OpenAI's way.
 */
public final class OpenAiTokenizer implements ModelTokenizer {

    public static final String TYPE = "openai_tokenizer";
    public static final String NAME = "cl100k_base";

    /** Loaded on first use, not with the class: reading the vocabulary takes a while (the Lambda cold start). */
    private static final class Vocabulary {
        static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    @Override
    public String modelUsed() {
        return NAME;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int countPrompt(String text) {
        return Vocabulary.CL100K.countTokensOrdinary(text);
    }

    @Override
    public int countRendered(String text) {
        return Vocabulary.CL100K.countTokensOrdinary(text);
    }

    @Override
    public int countPlain(String text) {
        return Vocabulary.CL100K.countTokensOrdinary(text);
    }

    @Override
    public ChatTemplate chatTemplate() {
        return null;
    }
}
