package com.securemodel.functions.tokens.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokenizes as llama.cpp does with a GGUF file's own vocabulary: special tokens in the text are parsed
 * ({@code parse_special}), SentencePiece text gets a space prefix at the start and after each special token, and BOS
 * goes in front when the model adds it ({@code tokenizer.ggml.add_bos_token}).
 */
public final class GgufModelTokenizer implements ModelTokenizer {

    public static final String TYPE = "gguf_vocabulary";

    private final String modelId;
    private final GgufVocabulary vocabulary;
    private final SpecialTokens specials;
    private final SpmTokenizer spm;
    private final BpeTokenizer bpe;

    public GgufModelTokenizer(String modelId, GgufVocabulary vocabulary) {
        this.modelId = modelId;
        this.vocabulary = vocabulary;
        Map<String, Integer> ids = new HashMap<>(vocabulary.tokens().size() * 2);
        for (int id = 0; id < vocabulary.tokens().size(); id++) {
            ids.put(vocabulary.tokens().get(id), id);
        }
        this.specials = new SpecialTokens(vocabulary);
        this.spm = vocabulary.isSentencePiece() ? new SpmTokenizer(ids, vocabulary) : null;
        this.bpe = vocabulary.isSentencePiece() ? null : new BpeTokenizer(ids, vocabulary);
    }

    @Override
    public String modelUsed() {
        return modelId;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int countPrompt(String text) {
        return tokenize(text, true).size();
    }

    @Override
    public int countRendered(String text) {
        String bos = vocabulary.text(vocabulary.bosId());
        boolean addsBos = vocabulary.addBos() && bos != null && !bos.isEmpty();
        return tokenize(addsBos && text.startsWith(bos) ? text.substring(bos.length()) : text, true).size();
    }

    @Override
    public int countPlain(String text) {
        return tokenize(text, false).size();
    }

    @Override
    public ChatTemplate chatTemplate() {
        String source = vocabulary.chatTemplate();
        return source == null || source.isBlank() ? null
                : new ChatTemplate(source, vocabulary.text(vocabulary.bosId()), vocabulary.text(vocabulary.eosId()));
    }

    /** llama.cpp's {@code llama_tokenize(text, add_special, parse_special=true)}; ids, for tests against it. */
    public List<Integer> tokenize(String text, boolean addSpecial) {
        List<Integer> out = new ArrayList<>();
        boolean previousSpecial = true;
        if (addSpecial && vocabulary.addBos() && vocabulary.bosId() >= 0) {
            out.add(vocabulary.bosId());
        }
        for (SpecialTokens.Fragment fragment : specials.split(text)) {
            if (!fragment.isText()) {
                out.add(fragment.id());
                previousSpecial = true;
            } else if (spm != null) {
                String piece = vocabulary.addSpacePrefix() && previousSpecial ? " " + fragment.text() : fragment.text();
                spm.tokenize(piece.replace(' ', '\u2581'), out);
                previousSpecial = false;
            } else {
                bpe.tokenize(fragment.text(), out);
            }
        }
        return out;
    }
}
