package com.securemodel.localstack.llm.internal;

import com.securemodel.localstack.llm.ModelLoadException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GGUF file's header in Java before llama.cpp sees it, because llama.cpp reports every bad file with
 * one generic message. Throws {@link ModelLoadException} naming the problem: missing file, not a GGUF,
 * unsupported version, truncated file, missing metadata keys.
 */
public final class GgufInspector {

    private static final List<String> COMMON_KEYS = List.of("context_length", "embedding_length", "block_count");
    private static final List<String> LLAMA_KEYS = List.of("feed_forward_length", "attention.head_count",
            "attention.layer_norm_rms_epsilon");
    private static final List<String> TOKENIZER_KEYS = List.of("tokenizer.ggml.model", "tokenizer.ggml.tokens");

    private GgufInspector() {
    }

    /** Reads the header and checks that llama.cpp has what it needs to load the file. */
    public static GgufFile inspectLoadable(Path path) {
        GgufFile file = inspect(path);
        List<String> missing = new ArrayList<>();
        String arch = file.architecture();
        if (arch == null) {
            missing.add("general.architecture");
        } else {
            COMMON_KEYS.forEach(k -> missing.add(arch + "." + k));
            if (arch.equals("llama")) {
                LLAMA_KEYS.forEach(k -> missing.add(arch + "." + k));
            }
        }
        missing.addAll(TOKENIZER_KEYS);
        missing.removeIf(file.metadata()::containsKey);
        if (!missing.isEmpty()) {
            throw new ModelLoadException(path + " lacks the GGUF metadata keys llama.cpp needs: "
                    + String.join(", ", missing) + "; re-convert the model with llama.cpp's convert_hf_to_gguf.py");
        }
        return file;
    }

    /** Reads the header, metadata and tensor infos, and checks that all tensor data lies inside the file. */
    public static GgufFile inspect(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException("model file " + path.toAbsolutePath() + " does not exist");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            long size = Files.size(path);
            GgufFile file = new Reader(in, path, size).read();
            checkDataInsideFile(file);
            return file;
        } catch (EOFException e) {
            throw new ModelLoadException(path + " is truncated: its GGUF header ends early; download it again", e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    private static void checkDataInsideFile(GgufFile file) {
        long end = file.dataOffset();
        for (GgufFile.TensorInfo t : file.tensors()) {
            long bytes = t.bytes();
            end = Math.max(end, file.dataOffset() + t.offset() + Math.max(bytes, 0));
        }
        if (end > file.fileSize()) {
            throw new ModelLoadException(file.path() + " is truncated: its tensors need " + end + " bytes but the file has "
                    + file.fileSize() + "; the download or copy was probably interrupted, download it again");
        }
    }

    private static final class Reader {
        private final CountingInput counter;
        private final DataInputStream in;
        private final Path path;
        private final long fileSize;

        Reader(InputStream in, Path path, long fileSize) {
            this.counter = new CountingInput(in);
            this.in = new DataInputStream(counter);
            this.path = path;
            this.fileSize = fileSize;
        }

        GgufFile read() throws IOException {
            if (fileSize < 4 || u32() != GgufWriter.MAGIC) {
                throw new ModelLoadException(path + " is not a GGUF file (it does not start with the bytes 'GGUF'); "
                        + "llama.cpp needs a .gguf model, for example a Q4_K_M quant of the model");
            }
            int version = u32();
            if (version != 2 && version != 3) {
                throw new ModelLoadException(path + " is GGUF version " + Integer.toUnsignedString(version)
                        + ", llama.cpp here reads versions 2 and 3; get a file converted with a current llama.cpp");
            }
            long tensorCount = count(u64(), 24);
            long kvCount = count(u64(), 12);
            Map<String, Object> metadata = new HashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = string();
                metadata.put(key, value(GgufType.of(u32())));
            }
            List<GgufFile.TensorInfo> tensors = new ArrayList<>();
            for (long i = 0; i < tensorCount; i++) {
                String name = string();
                int nDims = (int) count(Integer.toUnsignedLong(u32()), 8);
                List<Long> dims = new ArrayList<>();
                for (int d = 0; d < nDims; d++) {
                    dims.add(u64());
                }
                tensors.add(new GgufFile.TensorInfo(name, dims, u32(), u64()));
            }
            long alignment = metadata.get("general.alignment") instanceof Integer a && a > 0 ? a : GgufWriter.ALIGNMENT;
            long dataOffset = (counter.position + alignment - 1) / alignment * alignment;
            return new GgufFile(path, version, metadata, tensors, dataOffset, fileSize);
        }

        private Object value(GgufType type) throws IOException {
            return switch (type) {
                case UINT8, INT8 -> (int) in.readByte();
                case UINT16, INT16 -> (int) Short.reverseBytes(in.readShort());
                case UINT32, INT32 -> u32();
                case FLOAT32 -> Float.intBitsToFloat(u32());
                case BOOL -> in.readByte() != 0;
                case STRING -> string();
                case UINT64, INT64 -> u64();
                case FLOAT64 -> Double.longBitsToDouble(u64());
                case ARRAY -> array();
            };
        }

        private GgufFile.ArrayInfo array() throws IOException {
            GgufType type = GgufType.of(u32());
            long length = count(u64(), Math.max(type.size, 1));
            for (long i = 0; i < length; i++) {
                if (type.size > 0) {
                    in.skipNBytes(type.size);
                } else {
                    value(type);
                }
            }
            return new GgufFile.ArrayInfo(type, length);
        }

        private String string() throws IOException {
            byte[] bytes = new byte[(int) count(u64(), 1)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** A count read from the header; one that cannot fit in the rest of the file means it ends early. */
        private long count(long value, long minBytesEach) throws EOFException {
            if (value < 0 || value > (fileSize - counter.position) / minBytesEach) {
                throw new EOFException("count " + value + " exceeds the file");
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

    private static final class CountingInput extends FilterInputStream {
        private long position;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            position += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            position += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            position += skipped;
            return skipped;
        }
    }
}
