package com.securemodel.functions.tokens.internal;

import java.util.List;

/**
 * The tokenizer a GGUF file carries in its {@code tokenizer.*} metadata.
 *
 * @param model {@code tokenizer.ggml.model}: {@code llama} (SentencePiece BPE by scores) or {@code gpt2} (byte-level
 *        BPE by merges)
 * @param pre {@code tokenizer.ggml.pre} (the BPE pre-tokenizer), or null
 * @param tokens the token texts, by id
 * @param scores the SentencePiece scores, by id (zeros when absent)
 * @param types the token types, by id (1 normal, 2 unknown, 3 control, 4 user defined, 5 unused, 6 byte)
 * @param merges the BPE merges ({@code "left right"}), highest priority first; empty for SentencePiece
 * @param bosId the BOS token id, or -1
 * @param eosId the EOS token id, or -1
 * @param unknownId the unknown token id, or -1
 * @param addBos whether llama.cpp adds BOS in front of a prompt
 * @param addSpacePrefix whether a space goes in front of text at the start and after special tokens (SentencePiece)
 * @param chatTemplate {@code tokenizer.chat_template}, or null
 */
public record GgufVocabulary(String model, String pre, List<String> tokens, float[] scores, int[] types,
                             List<String> merges, int bosId, int eosId, int unknownId, boolean addBos,
                             boolean addSpacePrefix, String chatTemplate) {

    public static final int NORMAL = 1;
    public static final int UNKNOWN = 2;
    public static final int CONTROL = 3;
    public static final int USER_DEFINED = 4;
    public static final int BYTE = 6;

    /** @return the text of a token id, or null when the id is out of range */
    public String text(int id) {
        return id >= 0 && id < tokens.size() ? tokens.get(id) : null;
    }

    public boolean isSentencePiece() {
        return "llama".equals(model);
    }
}
