package com.securemodel.functions.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.generation.ChatMessage;
import com.securemodel.core.tokens.TokenCount;
import com.securemodel.localstack.llm.TinyModelGenerator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTokenCounterTest {

    private static final Path TOKENIZERS = resource("/tokens");
    private static final List<ChatMessage> HELLO = List.of(new ChatMessage("user", "hello world"));

    private final MutableClock clock = new MutableClock();

    @TempDir
    Path dir;

    @Test
    void prompt_withHuggingFaceTokenizer_countsWithTheSpecialTokensItAdds() {
        TokenCount count = counter(new DirectoryTokenizerFiles(TOKENIZERS), GgufModels.NONE)
                .count("hf-tiny", "hello world", null);

        assertThat(count).isEqualTo(new TokenCount(3, "hf-tiny", "huggingface_tokenizer"));
    }

    @Test
    void messages_withHuggingFaceChatTemplate_countTheRenderedChat() {
        // <|im_start|> user hello world <|im_end|> <|im_start|> assistant
        TokenCount count = counter(new DirectoryTokenizerFiles(TOKENIZERS), GgufModels.NONE)
                .count("hf-tiny", null, HELLO);

        assertThat(count).isEqualTo(new TokenCount(7, "hf-tiny", "huggingface_tokenizer"));
    }

    @Test
    void longPrompt_withHuggingFaceTokenizer_isNotTruncated() {
        TokenCount count = counter(new DirectoryTokenizerFiles(TOKENIZERS), GgufModels.NONE)
                .count("hf-tiny", "hello ".repeat(3000), null);

        assertThat(count.totalTokens()).isEqualTo(3001);
    }

    @Test
    void prompt_withoutModelTokenizer_countsWithCl100k() {
        TokenCount count = counter(TokenizerFiles.NONE, GgufModels.NONE).count("acme/unknown", "hello world", null);

        assertThat(count).isEqualTo(new TokenCount(2, "cl100k_base", "openai_tokenizer"));
    }

    @Test
    void messages_withoutTemplate_countOpenAisWay() {
        // 3 (reply priming) + 3 per message + "user" (1) + "hello world" (2)
        TokenCount count = counter(TokenizerFiles.NONE, GgufModels.NONE).count("acme/unknown", null, HELLO);

        assertThat(count.totalTokens()).isEqualTo(9);
    }

    @Test
    void specialTokenText_withCl100k_countsAsOrdinaryText() {
        TokenCount count = counter(TokenizerFiles.NONE, GgufModels.NONE).count("x", "<|endoftext|><|fim_prefix|>", null);

        assertThat(count.totalTokens()).isGreaterThan(2);
    }

    @Test
    void brokenTokenizerFile_fallsBackToTheNextMethod() {
        TokenCount count = counter(new DirectoryTokenizerFiles(TOKENIZERS), GgufModels.NONE)
                .count("broken", "hello world", null);

        assertThat(count.tokenizerType()).isEqualTo("openai_tokenizer");
    }

    @Test
    void ggufVocabulary_isUsedWhenNoHuggingFaceTokenizer() {
        Path gguf = dir.resolve("tiny.gguf");
        TinyModelGenerator.write(gguf);
        var counter = counter(new DirectoryTokenizerFiles(TOKENIZERS), id -> Optional.of(gguf));

        // llama.cpp: BOS, then ▁ H e l l o ▁ w o r l d (see GgufTokenizerLlamaCppIT)
        assertThat(counter.count("tiny", "Hello world", null)).isEqualTo(new TokenCount(13, "tiny", "gguf_vocabulary"));
        // BOS <|im_start|> ▁ u s e r \n ▁ h e l l o ▁ w o r l d <|im_end|> \n <|im_start|> ▁ a s s i s t a n t \n
        assertThat(counter.count("tiny", null, HELLO).totalTokens()).isEqualTo(34);
    }

    @Test
    void unreadableGguf_fallsBackToCl100k() throws IOException {
        Path notGguf = java.nio.file.Files.writeString(dir.resolve("x.gguf"), "not a model");

        TokenCount count = counter(TokenizerFiles.NONE, id -> Optional.of(notGguf)).count("x", "hello world", null);

        assertThat(count.tokenizerType()).isEqualTo("openai_tokenizer");
    }

    @Test
    void modelWithoutTokenizer_isLookedUpAgainOnlyAfterTheMissTtl() {
        AtomicInteger lookups = new AtomicInteger();
        TokenizerFiles files = (id, name) -> {
            lookups.incrementAndGet();
            return Optional.empty();
        };
        var counter = counter(files, GgufModels.NONE);

        counter.count("m", "a", null);
        counter.count("m", "b", null);
        assertThat(lookups).hasValue(1);

        clock.advance(Duration.ofMinutes(2));
        counter.count("m", "c", null);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void directoryFiles_refuseIdsThatLeaveTheDirectory() throws IOException {
        var files = new DirectoryTokenizerFiles(TOKENIZERS.resolve("hf-tiny"));

        assertThat(files.read("../hf-tiny", TokenizerFiles.TOKENIZER)).isEmpty();
        assertThat(files.read("/etc/passwd", TokenizerFiles.TOKENIZER)).isEmpty();
    }

    private ModelTokenCounter counter(TokenizerFiles files, GgufModels ggufs) {
        return new ModelTokenCounter(files, ggufs, 4, Duration.ofMinutes(1), clock);
    }

    private static Path resource(String name) {
        try {
            return Path.of(ModelTokenCounterTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
