package com.securemodel.functions.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.generation.ChatMessage;
import com.securemodel.functions.tokens.internal.ChatTemplate;
import com.securemodel.functions.tokens.internal.ChatTemplateRenderer;
import com.securemodel.functions.tokens.internal.GgufModelTokenizer;
import com.securemodel.functions.tokens.internal.GgufVocabularyReader;
import com.securemodel.localstack.llm.TinyModelGenerator;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GGUF tokenizers against llama.cpp's own ({@code LlamaModel.encode}: no BOS, special tokens parsed) on the tiny
 * model, a SentencePiece vocabulary with multi-character pieces and scores, and byte-level BPE vocabularies. The
 * chat template test avoids characters outside the BMP: the binding's {@code applyTemplate} returns them mangled.
 */
class GgufTokenizerLlamaCppIT {

    private static final List<String> PROMPTS = List.of("Hello world", "hello the world", " leading space",
            "a  b   c    d", "line1\nline2\n\nline3\n", "héllo wörld 😀 中文 ✓", "", " ", "<|im_start|>user\nhi<|im_end|>",
            "x<s>y</s>", "the thing in the hello", "123 12345 1234567", "Hello, World! It's 'quoted'.",
            "tabs\tand\r\nCRLF", "<unk>", "<|endoftext|>end");

    @TempDir
    static Path dir;

    @BeforeAll
    static void nativeDir() throws Exception {
        Files.createDirectories(Path.of(System.getProperty("de.kherud.llama.tmpdir", "target/llama-native-it")));
    }

    @Test
    void tinyModel_tokenIdsEqualLlamaCpp() throws Exception {
        Path gguf = dir.resolve("tiny.gguf");
        TinyModelGenerator.write(gguf);
        assertSameAsLlamaCpp(gguf);
    }

    @Test
    void sentencePieceWithMerges_tokenIdsEqualLlamaCpp() throws Exception {
        assertSameAsLlamaCpp(TestGgufs.sentencePiece(dir));
    }

    @Test
    void bytePairGpt2_tokenIdsEqualLlamaCpp() throws Exception {
        assertSameAsLlamaCpp(TestGgufs.bytePairs(dir, "gpt-2"));
    }

    @Test
    void bytePairLlama3_tokenIdsEqualLlamaCpp() throws Exception {
        assertSameAsLlamaCpp(TestGgufs.bytePairs(dir, "llama-bpe"));
    }

    @Test
    void tinyModel_renderedTemplateEqualsLlamaCppsAndCountsItsTokens() throws Exception {
        Path gguf = dir.resolve("tiny-chat.gguf");
        TinyModelGenerator.write(gguf);
        var tokenizer = new GgufModelTokenizer("tiny", GgufVocabularyReader.read(gguf));
        List<ChatMessage> messages = List.of(new ChatMessage("system", "You are terse."),
                new ChatMessage("user", "Hi there héllo ✓"), new ChatMessage("assistant", "Hello\nagain"),
                new ChatMessage("user", "{{ 7 * 7 }} bye"));
        ChatTemplate template = tokenizer.chatTemplate();
        String rendered = new ChatTemplateRenderer().render(template, messages).orElseThrow();
        try (LlamaModel llama = open(gguf)) {
            var parameters = new InferenceParameters("").setMessages("You are terse.", messages.subList(1, 4).stream()
                    .map(m -> new Pair<>(m.role(), m.content())).toList());
            String expected = llama.applyTemplate(parameters);
            assertThat(rendered).isEqualTo(expected);
            assertThat(tokenizer.countRendered(rendered)).isEqualTo(llama.encode(expected).length + 1);
        }
    }

    private static void assertSameAsLlamaCpp(Path gguf) throws Exception {
        var tokenizer = new GgufModelTokenizer("test", GgufVocabularyReader.read(gguf));
        boolean addsBos = GgufVocabularyReader.read(gguf).addBos();
        try (LlamaModel llama = open(gguf)) {
            for (String prompt : PROMPTS) {
                int[] expected = llama.encode(prompt);
                int[] actual = tokenizer.tokenize(prompt, false).stream().mapToInt(Integer::intValue).toArray();
                assertThat(actual).as("tokens of %s", prompt).isEqualTo(expected);
                assertThat(tokenizer.countPrompt(prompt)).isEqualTo(expected.length + (addsBos ? 1 : 0));
            }
        }
    }

    private static LlamaModel open(Path gguf) {
        return new LlamaModel(new ModelParameters().setModel(gguf.toString()).setCtxSize(256).setThreads(1)
                .disableLog().enableJinja());
    }
}
