package com.securemodel.functions.tokens.internal;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A model's own Hugging Face {@code tokenizer.json} through DJL's binding of the Rust {@code tokenizers} library, with
 * the chat template of the {@code tokenizer_config.json} beside it. Prompts are encoded with the special tokens the
 * tokenizer adds (as {@code tokenizer.encode(text)} in Python); a rendered chat template without them, as
 * {@code apply_chat_template(tokenize=True)} does. Counting never truncates.
 *
 * <p>Holds native memory: {@link #close()} frees it once no count is running.
 */
public final class HuggingFaceModelTokenizer implements ModelTokenizer, AutoCloseable {

    public static final String TYPE = "huggingface_tokenizer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> OPTIONS = Map.of("addSpecialTokens", "true", "truncation", "false",
            "padding", "false", "maxLength", Integer.toString(Integer.MAX_VALUE));

    private final String modelId;
    private final HuggingFaceTokenizer tokenizer;
    private final ChatTemplate template;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private HuggingFaceModelTokenizer(String modelId, HuggingFaceTokenizer tokenizer, ChatTemplate template) {
        this.modelId = modelId;
        this.tokenizer = tokenizer;
        this.template = template;
    }

    /**
     * @param tokenizerJson the bytes of {@code tokenizer.json}
     * @param tokenizerConfigJson the bytes of {@code tokenizer_config.json}, or null
     * @throws IOException when either file cannot be parsed
     */
    public static HuggingFaceModelTokenizer load(String modelId, byte[] tokenizerJson, byte[] tokenizerConfigJson)
            throws IOException {
        ChatTemplate template = tokenizerConfigJson == null ? null : template(JSON.readTree(tokenizerConfigJson));
        try {
            return new HuggingFaceModelTokenizer(modelId,
                    HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), OPTIONS), template);
        } catch (RuntimeException e) {
            throw new IOException("the tokenizer.json could not be loaded", e);
        }
    }

    private static ChatTemplate template(JsonNode config) {
        JsonNode source = config.path("chat_template");
        if (source.isArray()) {
            JsonNode chosen = null;
            for (JsonNode named : source) {
                if (chosen == null || "default".equals(named.path("name").asText())) {
                    chosen = named;
                }
            }
            source = chosen == null ? null : chosen.path("template");
        }
        return source != null && source.isTextual() && !source.asText().isBlank()
                ? new ChatTemplate(source.asText(), tokenText(config.path("bos_token")),
                        tokenText(config.path("eos_token")))
                : null;
    }

    private static String tokenText(JsonNode token) {
        return token.isTextual() ? token.asText() : token.path("content").asText("");
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
        return count(text, true);
    }

    @Override
    public int countRendered(String text) {
        return count(text, false);
    }

    @Override
    public int countPlain(String text) {
        return count(text, false);
    }

    @Override
    public ChatTemplate chatTemplate() {
        return template;
    }

    private int count(String text, boolean addSpecialTokens) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("tokenizer of " + modelId + " was closed");
            }
            return tokenizer.encode(text, addSpecialTokens, false).getIds().length;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
