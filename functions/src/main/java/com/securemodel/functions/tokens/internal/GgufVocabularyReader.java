package com.securemodel.functions.tokens.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code tokenizer.*} metadata of a GGUF file (versions 2 and 3), stopping before the tensor infos, so
 * that only the header of a multi-gigabyte model is read. The localstack module's {@code GgufInspector} keeps only
 * the lengths of metadata arrays, so this small reader keeps their elements.
 *
 * @see <a href="https://github.com/ggml-org/ggml/blob/master/docs/gguf.md">GGUF format</a>
 */
public final class GgufVocabularyReader {

    private static final int MAGIC = 0x46554747;
    private static final int MAX_STRING = 1 << 24;
    private static final int UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6,
            BOOL = 7, STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12;

    private final DataInputStream in;
    private final long fileSize;

    private GgufVocabularyReader(InputStream in, long fileSize) {
        this.in = new DataInputStream(in);
        this.fileSize = fileSize;
    }

    /**
     * @throws IOException when the file cannot be read, is no GGUF or has no {@code tokenizer.ggml.tokens}
     */
    public static GgufVocabulary read(Path gguf) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(gguf), 1 << 16)) {
            return new GgufVocabularyReader(in, Files.size(gguf)).read();
        }
    }

    private GgufVocabulary read() throws IOException {
        if (u32() != MAGIC) {
            throw new IOException("not a GGUF file");
        }
        int version = u32();
        if (version != 2 && version != 3) {
            throw new IOException("GGUF version " + version + " is not supported");
        }
        u64();
        long kvCount = count(u64());
        Map<String, Object> meta = new HashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = string();
            Object value = value(u32(), key.startsWith("tokenizer."));
            if (key.startsWith("tokenizer.")) {
                meta.put(key, value);
            }
        }
        return vocabulary(meta);
    }

    private static GgufVocabulary vocabulary(Map<String, Object> meta) throws IOException {
        if (!(meta.get("tokenizer.ggml.tokens") instanceof List<?> rawTokens)) {
            throw new IOException("the GGUF file has no tokenizer.ggml.tokens");
        }
        List<String> tokens = strings(rawTokens);
        String model = meta.get("tokenizer.ggml.model") instanceof String s ? s : "llama";
        boolean spm = model.equals("llama");
        float[] scores = new float[tokens.size()];
        if (meta.get("tokenizer.ggml.scores") instanceof List<?> list) {
            for (int i = 0; i < Math.min(list.size(), scores.length); i++) {
                scores[i] = ((Number) list.get(i)).floatValue();
            }
        }
        int[] types = new int[tokens.size()];
        Arrays.fill(types, GgufVocabulary.NORMAL);
        if (meta.get("tokenizer.ggml.token_type") instanceof List<?> list) {
            for (int i = 0; i < Math.min(list.size(), types.length); i++) {
                types[i] = ((Number) list.get(i)).intValue();
            }
        }
        List<String> merges = meta.get("tokenizer.ggml.merges") instanceof List<?> list ? strings(list) : List.of();
        String pre = meta.get("tokenizer.ggml.pre") instanceof String s ? s : null;
        boolean addBosDefault = spm || "llama-bpe".equals(pre) || "llama3".equals(pre) || "llama-v3".equals(pre);
        return new GgufVocabulary(model, pre, tokens, scores, types, merges,
                id(meta, "tokenizer.ggml.bos_token_id", spm ? 1 : 11),
                id(meta, "tokenizer.ggml.eos_token_id", spm ? 2 : 11),
                id(meta, "tokenizer.ggml.unknown_token_id", spm ? 0 : -1),
                flag(meta, "tokenizer.ggml.add_bos_token", addBosDefault),
                flag(meta, "tokenizer.ggml.add_space_prefix", spm),
                meta.get("tokenizer.chat_template") instanceof String s ? s : null);
    }

    private static List<String> strings(List<?> values) {
        List<String> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }

    private static int id(Map<String, Object> meta, String key, int fallback) {
        return meta.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    private static boolean flag(Map<String, Object> meta, String key, boolean fallback) {
        return meta.get(key) instanceof Boolean b ? b : fallback;
    }

    /** Reads one value; an array's elements are kept only when {@code keep} (else skipped). */
    private Object value(int type, boolean keep) throws IOException {
        return switch (type) {
            case UINT8, INT8 -> (int) in.readByte();
            case UINT16, INT16 -> (int) Short.reverseBytes(in.readShort());
            case UINT32, INT32 -> u32();
            case FLOAT32 -> Float.intBitsToFloat(u32());
            case BOOL -> in.readByte() != 0;
            case STRING -> string();
            case UINT64, INT64 -> u64();
            case FLOAT64 -> Double.longBitsToDouble(u64());
            case ARRAY -> array(keep);
            default -> throw new IOException("unknown GGUF value type " + type);
        };
    }

    private Object array(boolean keep) throws IOException {
        int type = u32();
        long length = count(u64());
        int fixed = switch (type) {
            case UINT8, INT8, BOOL -> 1;
            case UINT16, INT16 -> 2;
            case UINT32, INT32, FLOAT32 -> 4;
            case UINT64, INT64, FLOAT64 -> 8;
            default -> 0;
        };
        if (!keep && fixed > 0) {
            in.skipNBytes(length * fixed);
            return null;
        }
        List<Object> values = keep ? new ArrayList<>((int) length) : null;
        for (long i = 0; i < length; i++) {
            Object v = value(type, keep);
            if (keep) {
                values.add(v);
            }
        }
        return values;
    }

    private String string() throws IOException {
        long length = u64();
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("GGUF string length " + length + " is out of range");
        }
        byte[] bytes = new byte[(int) length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long count(long value) throws IOException {
        if (value < 0 || value > fileSize) {
            throw new IOException("GGUF count " + value + " exceeds the file");
        }
        return value;
    }

    private int u32() throws IOException {
        return Integer.reverseBytes(in.readInt());
    }

    private long u64() throws IOException {
        return Long.reverseBytes(in.readLong());
    }
}
