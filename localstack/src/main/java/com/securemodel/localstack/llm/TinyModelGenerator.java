package com.securemodel.localstack.llm;

import com.securemodel.localstack.llm.internal.GgufWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes a tiny llama-architecture GGUF with random weights (fixed seed, so the bytes are identical on every
 * run): 64 dimensions, 2 layers, 4 heads, a byte-level vocabulary plus printable ASCII, and a ChatML chat
 * template. llama.cpp loads and runs it for real; its text is meaningless. About 0.6 MB.
 */
public final class TinyModelGenerator {

    /** The catalog id of the tiny model. */
    public static final String MODEL_ID = "securemodel/tiny-random-llama";
    /** Its file name in the models directory. */
    public static final String FILE_NAME = "tiny-random-llama.gguf";
    /** ChatML, as Jinja: what llama.cpp renders chat messages with. */
    public static final String CHAT_TEMPLATE = "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    static final int CONTEXT_LENGTH = 2048;
    private static final int DIM = 64;
    private static final int LAYERS = 2;
    private static final int HEADS = 4;
    private static final int FEED_FORWARD = 172;
    private static final long SEED = 20240611L;
    private static final int NORMAL = 1;
    private static final int UNKNOWN = 2;
    private static final int CONTROL = 3;
    private static final int BYTE = 6;
    private static final int EOS = 2;
    private static final int IM_END = 4;
    private static final float BIAS_CARRIER = 8f;

    private TinyModelGenerator() {
    }

    /** Writes the model to {@code target} (replacing it). */
    public static void write(Path target) {
        try (OutputStream out = Files.newOutputStream(target)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public static void write(OutputStream out) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"));
        List<Integer> types = new ArrayList<>(List.of(UNKNOWN, CONTROL, CONTROL, CONTROL, CONTROL));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(BYTE);
        }
        tokens.add("\u2581");
        types.add(NORMAL);
        for (char c = '!'; c <= '~'; c++) {
            tokens.add(String.valueOf(c));
            types.add(NORMAL);
        }
        float[] scores = new float[tokens.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -i;
        }
        var gguf = new GgufWriter()
                .putString("general.architecture", "llama")
                .putString("general.name", "tiny-random-llama")
                .putUint32("llama.context_length", CONTEXT_LENGTH)
                .putUint32("llama.embedding_length", DIM)
                .putUint32("llama.block_count", LAYERS)
                .putUint32("llama.feed_forward_length", FEED_FORWARD)
                .putUint32("llama.attention.head_count", HEADS)
                .putUint32("llama.attention.head_count_kv", HEADS)
                .putUint32("llama.rope.dimension_count", DIM / HEADS)
                .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .putString("tokenizer.ggml.model", "llama")
                .putStrings("tokenizer.ggml.tokens", tokens)
                .putFloat32s("tokenizer.ggml.scores", scores)
                .putInt32s("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray())
                .putUint32("tokenizer.ggml.unknown_token_id", 0)
                .putUint32("tokenizer.ggml.bos_token_id", 1)
                .putUint32("tokenizer.ggml.eos_token_id", EOS)
                .putBool("tokenizer.ggml.add_bos_token", true)
                .putBool("tokenizer.ggml.add_eos_token", false)
                .putString("tokenizer.chat_template", CHAT_TEMPLATE);
        var random = new Random(SEED);
        gguf.addTensor("token_embd.weight", new long[] {DIM, tokens.size()}, embeddings(random, tokens.size()));
        gguf.addTensor("output_norm.weight", new long[] {DIM}, ones(DIM));
        gguf.addTensor("output.weight", new long[] {DIM, tokens.size()}, output(random, types));
        for (int layer = 0; layer < LAYERS; layer++) {
            String p = "blk." + layer + ".";
            gguf.addTensor(p + "attn_norm.weight", new long[] {DIM}, ones(DIM));
            for (String name : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
                float[] w = weights(random, DIM * DIM, 0.25f);
                gguf.addTensor(p + name + ".weight", new long[] {DIM, DIM}, name.equals("attn_output") ? keepCarrier(w) : w);
            }
            gguf.addTensor(p + "ffn_norm.weight", new long[] {DIM}, ones(DIM));
            gguf.addTensor(p + "ffn_gate.weight", new long[] {DIM, FEED_FORWARD}, weights(random, DIM * FEED_FORWARD, 0.25f));
            gguf.addTensor(p + "ffn_up.weight", new long[] {DIM, FEED_FORWARD}, weights(random, DIM * FEED_FORWARD, 0.25f));
            gguf.addTensor(p + "ffn_down.weight", new long[] {FEED_FORWARD, DIM},
                    keepCarrier(weights(random, DIM * FEED_FORWARD, 0.15f)));
        }
        gguf.write(out);
    }

    /** Dimension 0 carries a constant, so that the output layer can bias whole token classes through it. */
    private static float[] embeddings(Random random, int vocab) {
        float[] w = weights(random, DIM * vocab, 1f);
        for (int token = 0; token < vocab; token++) {
            w[token * DIM] = BIAS_CARRIER;
        }
        return w;
    }

    /** Printable tokens are likely, end-of-text is rare, byte and other control tokens almost never come. */
    private static float[] output(Random random, List<Integer> types) {
        float[] w = weights(random, DIM * types.size(), 1f);
        for (int token = 0; token < types.size(); token++) {
            boolean end = token == EOS || token == IM_END;
            w[token * DIM] = types.get(token) == NORMAL ? 0.5f : end ? -0.5f : -3f;
        }
        return w;
    }

    /** Zeroes the first output row of a layer's projection, so that no layer changes dimension 0. */
    private static float[] keepCarrier(float[] w) {
        Arrays.fill(w, 0, w.length / DIM, 0f);
        return w;
    }

    private static float[] weights(Random random, int count, float scale) {
        float[] w = new float[count];
        for (int i = 0; i < count; i++) {
            w[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return w;
    }

    private static float[] ones(int count) {
        float[] w = new float[count];
        Arrays.fill(w, 1f);
        return w;
    }
}
