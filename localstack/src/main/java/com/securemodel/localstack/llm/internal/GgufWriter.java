package com.securemodel.localstack.llm.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF version 3 files: metadata key/values, tensor infos and 32-byte aligned f32 tensor data, in
 * insertion order so that equal input gives equal bytes.
 *
 * @see <a href="https://github.com/ggml-org/ggml/blob/master/docs/gguf.md">GGUF format</a>
 */
public final class GgufWriter {

    static final int MAGIC = 0x46554747;
    static final int VERSION = 3;
    static final int ALIGNMENT = 32;

    private final Map<String, Value> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    private record Value(GgufType type, Object value) { }

    private record Tensor(String name, long[] dims, float[] data) { }

    public GgufWriter putString(String key, String value) {
        return put(key, GgufType.STRING, value);
    }

    public GgufWriter putUint32(String key, int value) {
        return put(key, GgufType.UINT32, value);
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufType.FLOAT32, value);
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, GgufType.BOOL, value);
    }

    public GgufWriter putStrings(String key, List<String> values) {
        return put(key, GgufType.ARRAY, List.copyOf(values));
    }

    public GgufWriter putInt32s(String key, int[] values) {
        return put(key, GgufType.ARRAY, values.clone());
    }

    public GgufWriter putFloat32s(String key, float[] values) {
        return put(key, GgufType.ARRAY, values.clone());
    }

    /** Adds an f32 tensor; {@code dims} in GGML order (innermost, that is the row length, first). */
    public GgufWriter addTensor(String name, long[] dims, float[] data) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("tensor " + name + " has " + data.length + " values, dims say " + count);
        }
        tensors.add(new Tensor(name, dims.clone(), data));
        return this;
    }

    private GgufWriter put(String key, GgufType type, Object value) {
        metadata.put(key, new Value(type, value));
        return this;
    }

    public void write(OutputStream target) {
        try {
            var out = new LittleEndianOut(new BufferedOutputStream(target, 1 << 16));
            out.u32(MAGIC).u32(VERSION).u64(tensors.size()).u64(metadata.size());
            for (var entry : metadata.entrySet()) {
                writeValue(out.string(entry.getKey()), entry.getValue());
            }
            long offset = 0;
            for (Tensor t : tensors) {
                out.string(t.name).u32(t.dims.length);
                for (long d : t.dims) {
                    out.u64(d);
                }
                out.u32(GgufType.TENSOR_F32).u64(offset);
                offset = align(offset + 4L * t.data.length);
            }
            out.pad();
            for (Tensor t : tensors) {
                ByteBuffer buf = ByteBuffer.allocate(4 * t.data.length).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(t.data);
                out.bytes(buf.array()).pad();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write GGUF", e);
        }
    }

    private static void writeValue(LittleEndianOut out, Value v) throws IOException {
        switch (v.value) {
            case String s -> out.u32(GgufType.STRING.id).string(s);
            case Integer i -> out.u32(v.type.id).u32(i);
            case Float f -> out.u32(GgufType.FLOAT32.id).u32(Float.floatToRawIntBits(f));
            case Boolean b -> out.u32(GgufType.BOOL.id).bytes(new byte[] {(byte) (b ? 1 : 0)});
            case List<?> list -> {
                out.u32(GgufType.ARRAY.id).u32(GgufType.STRING.id).u64(list.size());
                for (Object s : list) {
                    out.string((String) s);
                }
            }
            case int[] ints -> {
                out.u32(GgufType.ARRAY.id).u32(GgufType.INT32.id).u64(ints.length);
                for (int i : ints) {
                    out.u32(i);
                }
            }
            case float[] floats -> {
                out.u32(GgufType.ARRAY.id).u32(GgufType.FLOAT32.id).u64(floats.length);
                for (float f : floats) {
                    out.u32(Float.floatToRawIntBits(f));
                }
            }
            default -> throw new IllegalStateException("unsupported metadata value " + v.value.getClass());
        }
    }

    static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static final class LittleEndianOut {
        private final OutputStream out;
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        private long position;

        LittleEndianOut(OutputStream out) {
            this.out = out;
        }

        LittleEndianOut u32(int v) throws IOException {
            return bytes(scratch.clear().putInt(v).array(), 4);
        }

        LittleEndianOut u64(long v) throws IOException {
            return bytes(scratch.clear().putLong(v).array(), 8);
        }

        LittleEndianOut string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u64(b.length).bytes(b);
        }

        LittleEndianOut bytes(byte[] b) throws IOException {
            return bytes(b, b.length);
        }

        LittleEndianOut bytes(byte[] b, int length) throws IOException {
            out.write(b, 0, length);
            position += length;
            return this;
        }

        LittleEndianOut pad() throws IOException {
            return bytes(new byte[(int) (align(position) - position)]);
        }

        void flush() throws IOException {
            out.flush();
        }
    }
}
