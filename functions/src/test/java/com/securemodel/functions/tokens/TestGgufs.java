package com.securemodel.functions.tokens;

import com.securemodel.localstack.llm.internal.GgufWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small llama-architecture GGUFs that llama.cpp loads, with vocabularies richer than the tiny model's (multi-character
 * SentencePiece tokens with scores; a byte-level BPE vocabulary with merges), to check the tokenizers against it.
 */
final class TestGgufs {

    private static final int DIM = 32;
    private static final int FEED_FORWARD = 64;
    private static final String[] SPM_PIECES = {"▁t", "he", "▁the", "in", "▁a", "er", "ll", "llo", "▁he", "▁hello",
        "▁w", "or", "ld", "▁wor", "▁world", "é", "中", "▁▁", "▁▁▁▁", "\n\n", "ing", "▁th"};
    private static final String[] BPE_MERGES = {"Ġ t", "h e", "Ġt he", "l l", "ll o", "H e", "He llo", "Ġ w", "o r",
        "Ġw or", "l d", "Ġwor ld", "1 2", "12 3", "Ċ Ċ", "Ġ Ġ", "i n", "in g"};

    private TestGgufs() {
    }

    /** SentencePiece: control tokens, byte tokens, printable ASCII and {@link #SPM_PIECES} with mixed scores. */
    static Path sentencePiece(Path dir) throws IOException {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3, 3, 3));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(6);
        }
        tokens.add("▁");
        types.add(1);
        for (char c = '!'; c <= '~'; c++) {
            tokens.add(String.valueOf(c));
            types.add(1);
        }
        for (String piece : SPM_PIECES) {
            tokens.add(piece);
            types.add(1);
        }
        float[] scores = new float[tokens.size()];
        var random = new Random(7);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i < 261 ? 0f : -random.nextInt(40);
        }
        GgufWriter gguf = base(tokens.size()).putString("tokenizer.ggml.model", "llama")
                .putStrings("tokenizer.ggml.tokens", tokens).putFloat32s("tokenizer.ggml.scores", scores)
                .putInt32s("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray())
                .putUint32("tokenizer.ggml.bos_token_id", 1).putUint32("tokenizer.ggml.eos_token_id", 2)
                .putUint32("tokenizer.ggml.unknown_token_id", 0).putBool("tokenizer.ggml.add_bos_token", true);
        return write(dir.resolve("spm.gguf"), tensors(gguf, tokens.size()));
    }

    /** Byte-level BPE ({@code gpt2}) with the given pre-tokenizer: 256 byte characters, merges, one control token. */
    static Path bytePairs(Path dir, String pre) throws IOException {
        List<String> tokens = new ArrayList<>();
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE;
            tokens.add(String.valueOf((char) (printable ? b : 256 + extra++)));
        }
        for (String merge : BPE_MERGES) {
            tokens.add(merge.replace(" ", ""));
        }
        tokens.add("<|endoftext|>");
        int[] types = new int[tokens.size()];
        java.util.Arrays.fill(types, 1);
        types[tokens.size() - 1] = 3;
        GgufWriter gguf = base(tokens.size()).putString("tokenizer.ggml.model", "gpt2")
                .putString("tokenizer.ggml.pre", pre)
                .putStrings("tokenizer.ggml.tokens", tokens).putInt32s("tokenizer.ggml.token_type", types)
                .putStrings("tokenizer.ggml.merges", List.of(BPE_MERGES))
                .putUint32("tokenizer.ggml.bos_token_id", tokens.size() - 1)
                .putUint32("tokenizer.ggml.eos_token_id", tokens.size() - 1)
                .putBool("tokenizer.ggml.add_bos_token", false);
        return write(dir.resolve("bpe-" + pre + ".gguf"), tensors(gguf, tokens.size()));
    }

    private static GgufWriter base(int vocab) {
        return new GgufWriter().putString("general.architecture", "llama").putString("general.name", "test-vocab")
                .putUint32("llama.context_length", 256).putUint32("llama.embedding_length", DIM)
                .putUint32("llama.block_count", 1).putUint32("llama.feed_forward_length", FEED_FORWARD)
                .putUint32("llama.attention.head_count", 2).putUint32("llama.attention.head_count_kv", 2)
                .putUint32("llama.rope.dimension_count", DIM / 2)
                .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    }

    private static GgufWriter tensors(GgufWriter gguf, int vocab) {
        var random = new Random(1);
        gguf.addTensor("token_embd.weight", new long[] {DIM, vocab}, weights(random, DIM * vocab));
        gguf.addTensor("output_norm.weight", new long[] {DIM}, ones());
        gguf.addTensor("output.weight", new long[] {DIM, vocab}, weights(random, DIM * vocab));
        gguf.addTensor("blk.0.attn_norm.weight", new long[] {DIM}, ones());
        for (String name : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
            gguf.addTensor("blk.0." + name + ".weight", new long[] {DIM, DIM}, weights(random, DIM * DIM));
        }
        gguf.addTensor("blk.0.ffn_norm.weight", new long[] {DIM}, ones());
        gguf.addTensor("blk.0.ffn_gate.weight", new long[] {DIM, FEED_FORWARD}, weights(random, DIM * FEED_FORWARD));
        gguf.addTensor("blk.0.ffn_up.weight", new long[] {DIM, FEED_FORWARD}, weights(random, DIM * FEED_FORWARD));
        gguf.addTensor("blk.0.ffn_down.weight", new long[] {FEED_FORWARD, DIM}, weights(random, DIM * FEED_FORWARD));
        return gguf;
    }

    private static Path write(Path path, GgufWriter gguf) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            gguf.write(out);
        }
        return path;
    }

    private static float[] weights(Random random, int count) {
        float[] w = new float[count];
        for (int i = 0; i < count; i++) {
            w[i] = (random.nextFloat() * 2 - 1) * 0.1f;
        }
        return w;
    }

    private static float[] ones() {
        float[] w = new float[DIM];
        java.util.Arrays.fill(w, 1f);
        return w;
    }
}
