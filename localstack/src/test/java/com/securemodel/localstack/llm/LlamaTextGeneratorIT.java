package com.securemodel.localstack.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real llama.cpp on the generated tiny model: one load for the class. */
class LlamaTextGeneratorIT {

    @TempDir
    static Path dir;
    private static TextGenerator generator;

    @BeforeAll
    static void load() {
        Path gguf = new FileModelCatalog(dir).resolve(TinyModelGenerator.MODEL_ID);
        generator = new LlamaModelLoader().load(TinyModelGenerator.MODEL_ID, gguf);
    }

    @AfterAll
    static void close() {
        generator.close();
    }

    @Test
    void generate_plainPrompt_givesTextUpToMaxNewTokensWithLengthReason() {
        Generation g = generator.generate(GenerationSpec.ofPrompt("Hello world", 16), TokenListener.NONE);

        assertThat(g.text()).isNotBlank();
        assertThat(g.finishReason()).isEqualTo("length");
        assertThat(g.generatedTokens()).isEqualTo(16);
        assertThat(g.promptTokens()).isEqualTo(13);
        assertThat(generator.modelId()).isEqualTo(TinyModelGenerator.MODEL_ID);
    }

    @Test
    void generate_sameSeedAndParameters_givesSameText_otherSeedDiffers() {
        String first = generator.generate(sampled(7L, List.of()), TokenListener.NONE).text();
        String again = generator.generate(sampled(7L, List.of()), TokenListener.NONE).text();
        String other = generator.generate(sampled(8L, List.of()), TokenListener.NONE).text();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void generate_streamsOneCallPerTokenWhoseConcatenationIsTheResult() {
        List<String> pieces = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();

        Generation g = generator.generate(sampled(3L, List.of()), (id, text) -> {
            ids.add(id);
            pieces.add(text);
        });

        assertThat(String.join("", pieces)).isEqualTo(g.text());
        assertThat(pieces).hasSize(g.generatedTokens());
        assertThat(ids).allMatch(id -> id > 0);
    }

    @Test
    void generate_stopSequence_cutsBeforeItWithStopSequenceReason() {
        String free = generator.generate(sampled(11L, List.of()), TokenListener.NONE).text();
        String stop = free.substring(10, 12);
        StringBuilder streamed = new StringBuilder();

        Generation g = generator.generate(sampled(11L, List.of(stop)), (id, text) -> streamed.append(text));

        assertThat(g.finishReason()).isEqualTo("stop_sequence");
        assertThat(g.text()).isEqualTo(free.substring(0, free.indexOf(stop))).doesNotContain(stop);
        assertThat(streamed.toString()).isEqualTo(g.text());
    }

    @Test
    void generate_chatMessages_goThroughTheModelsChatTemplate() {
        var chat = new GenerationSpec(null, List.of(new ChatMessage("system", "Be brief."),
                new ChatMessage("user", "Hello")), 8, null, null, null, null, null, null, false);
        int templatedLength = ("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n"
                + "<|im_start|>assistant\n").length();

        Generation g = generator.generate(chat, TokenListener.NONE);

        assertThat(g.text()).isNotEmpty();
        assertThat(g.promptTokens()).isBetween(20, templatedLength);
    }

    @Test
    void generate_badParameters_failWithTgiMessages() {
        assertThatThrownBy(() -> generator.generate(GenerationSpec.ofPrompt("x", 0), TokenListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("`max_new_tokens` must be strictly positive");
        assertThatThrownBy(() -> generator.generate(
                new GenerationSpec("x", null, 5, -1.0, null, null, null, null, null, true), TokenListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("`temperature` must be strictly positive");
        assertThatThrownBy(() -> generator.generate(GenerationSpec.ofPrompt("x", 4000), TokenListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("`inputs` tokens + `max_new_tokens` must be <= 2048");
    }

    @Test
    void load_badFiles_giveReadableReasons() throws IOException {
        var loader = new LlamaModelLoader();
        Path html = Files.writeString(dir.resolve("page.gguf"), "<html>Access denied</html>");
        byte[] tiny = Files.readAllBytes(dir.resolve(TinyModelGenerator.FILE_NAME));
        Path cut = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(tiny, tiny.length / 2));

        assertThatThrownBy(() -> loader.load("x", dir.resolve("missing.gguf"))).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> loader.load("x", html)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is not a GGUF file");
        assertThatThrownBy(() -> loader.load("x", cut)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is truncated");
    }

    @Test
    void measure_tokensPerSecond_greedy256() {
        GenerationSpec spec = new GenerationSpec("Write a story about a robot.", null, 256, null, null, null, null,
                null, null, false);
        generator.generate(spec, TokenListener.NONE);
        long start = System.nanoTime();
        Generation g = generator.generate(spec, TokenListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("tiny model, 1 thread, max_new_tokens 256: %d tokens in %.4f s = %.0f tokens/s%n",
                g.generatedTokens(), seconds, g.generatedTokens() / seconds);
        assertThat(g.generatedTokens()).isEqualTo(256);
    }

    private static GenerationSpec sampled(long seed, List<String> stop) {
        return new GenerationSpec("Once upon a time", null, 48, 0.9, null, null, null, stop, seed, true);
    }
}
