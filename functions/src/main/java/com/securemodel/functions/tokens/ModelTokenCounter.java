package com.securemodel.functions.tokens;

import com.securemodel.core.generation.ChatMessage;
import com.securemodel.core.tokens.TokenCount;
import com.securemodel.core.tokens.TokenCounter;
import com.securemodel.functions.tokens.internal.ChatTemplate;
import com.securemodel.functions.tokens.internal.ChatTemplateRenderer;
import com.securemodel.functions.tokens.internal.GgufModelTokenizer;
import com.securemodel.functions.tokens.internal.GgufVocabularyReader;
import com.securemodel.functions.tokens.internal.HuggingFaceModelTokenizer;
import com.securemodel.functions.tokens.internal.ModelTokenizer;
import com.securemodel.functions.tokens.internal.OpenAiTokenizer;
import com.securemodel.functions.tokens.internal.TokenizerCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts tokens with the best tokenizer the service has for a model (LiteLLM's {@code /utils/token_counter}):
 * <ol>
 *   <li>the model's own Hugging Face {@code tokenizer.json} from {@link TokenizerFiles}
 *       ({@code huggingface_tokenizer});</li>
 *   <li>locally, the vocabulary in the model's GGUF file from {@link GgufModels}, tokenized as llama.cpp does
 *       ({@code gguf_vocabulary});</li>
 *   <li>else OpenAI's {@code cl100k_base} ({@code openai_tokenizer}, {@code model_used} {@code cl100k_base}).</li>
 * </ol>
 * A prompt counts with the special tokens the tokenizer adds (BOS for Llama models). Messages count after the model's
 * chat template ({@code tokenizer_config.json}'s or the GGUF's {@code tokenizer.chat_template}) is rendered with
 * {@code add_generation_prompt=true}; a template Jinjava cannot render is replaced by ChatML. Without a template
 * (the fallback tokenizer, or a model without one) messages count as OpenAI's cookbook does for its chat models:
 * 3 tokens per message, plus its role's and content's tokens, plus 3 that prime the reply.
 *
 * <p>Loaded tokenizers are cached per model (least recently used out); a model without one is asked again after
 * {@code missTtl}. A file that cannot be read is logged (never with any text to count) and the next method is used.
 *
 * @see <a href="https://docs.litellm.ai/docs/proxy/token_counter">LiteLLM token counter</a>
 * @see <a href="https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken">Counting tokens with
 *      tiktoken</a>
 */
public final class ModelTokenCounter implements TokenCounter {

    private static final Logger LOG = LoggerFactory.getLogger(ModelTokenCounter.class);
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int REPLY_PRIMING = 3;
    private static final ModelTokenizer FALLBACK = new OpenAiTokenizer();

    private final TokenizerFiles files;
    private final GgufModels ggufs;
    private final TokenizerCache cache;
    /** Created on first use: building Jinjava takes a while (the Lambda cold start). */
    private volatile ChatTemplateRenderer templates;

    /**
     * @param files the Hugging Face tokenizer files ({@link TokenizerFiles#NONE} for none)
     * @param ggufs the GGUF files ({@link GgufModels#NONE} for none)
     * @param capacity how many models' tokenizers stay loaded
     * @param missTtl how long a model without a tokenizer is not asked again
     */
    public ModelTokenCounter(TokenizerFiles files, GgufModels ggufs, int capacity, Duration missTtl, Clock clock) {
        this.files = files;
        this.ggufs = ggufs;
        this.cache = new TokenizerCache(capacity, missTtl, clock);
    }

    @Override
    public TokenCount count(String modelId, String prompt, List<ChatMessage> messages) {
        ModelTokenizer tokenizer = modelId == null ? FALLBACK : cache.get(modelId, this::load).orElse(FALLBACK);
        try {
            return count(tokenizer, prompt, messages);
        } catch (RuntimeException e) {
            LOG.warn("Counting tokens with the {} of model {} failed ({}); counting with {}", tokenizer.type(),
                    modelId, e.getClass().getSimpleName(), OpenAiTokenizer.NAME);
            return count(FALLBACK, prompt, messages);
        }
    }

    private TokenCount count(ModelTokenizer tokenizer, String prompt, List<ChatMessage> messages) {
        int total;
        if (messages == null) {
            total = tokenizer.countPrompt(prompt == null ? "" : prompt);
        } else {
            ChatTemplate template = tokenizer.chatTemplate();
            total = template == null ? openAiWay(tokenizer, messages) : tokenizer.countRendered(templates()
                    .render(template, messages).orElseGet(() -> ChatTemplateRenderer.chatMl(messages)));
        }
        return new TokenCount(total, tokenizer.modelUsed(), tokenizer.type());
    }

    private ChatTemplateRenderer templates() {
        ChatTemplateRenderer renderer = templates;
        if (renderer == null) {
            synchronized (this) {
                if (templates == null) {
                    templates = new ChatTemplateRenderer();
                }
                renderer = templates;
            }
        }
        return renderer;
    }

    private static int openAiWay(ModelTokenizer tokenizer, List<ChatMessage> messages) {
        int total = REPLY_PRIMING;
        for (ChatMessage message : messages) {
            total += TOKENS_PER_MESSAGE + tokenizer.countPlain(message.role()) + tokenizer.countPlain(message.content());
        }
        return total;
    }

    private Optional<ModelTokenizer> load(String modelId) {
        Optional<ModelTokenizer> huggingFace = huggingFace(modelId);
        return huggingFace.isPresent() ? huggingFace : gguf(modelId);
    }

    private Optional<ModelTokenizer> huggingFace(String modelId) {
        try {
            Optional<byte[]> tokenizer = files.read(modelId, TokenizerFiles.TOKENIZER);
            if (tokenizer.isEmpty()) {
                return Optional.empty();
            }
            byte[] config = files.read(modelId, TokenizerFiles.TOKENIZER_CONFIG).orElse(null);
            return Optional.of(HuggingFaceModelTokenizer.load(modelId, tokenizer.get(), config));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The Hugging Face tokenizer of model {} cannot be loaded, trying the next method: {}", modelId,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<ModelTokenizer> gguf(String modelId) {
        Optional<Path> file;
        try {
            file = ggufs.find(modelId);
        } catch (RuntimeException e) {
            LOG.warn("The GGUF file of model {} cannot be found: {}", modelId, e.getMessage());
            return Optional.empty();
        }
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GgufModelTokenizer(modelId, GgufVocabularyReader.read(file.get())));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The vocabulary of model {} cannot be read from {}, trying the next method: {}", modelId,
                    file.get(), e.getMessage());
            return Optional.empty();
        }
    }
}
