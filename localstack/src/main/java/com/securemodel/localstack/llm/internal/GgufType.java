package com.securemodel.localstack.llm.internal;

import java.util.Map;

/** GGUF metadata value types, and the byte sizes of GGML tensor types. */
public enum GgufType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
    STRING(8, -1), ARRAY(9, -1), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    static final int TENSOR_F32 = 0;

    /** GGML tensor type id to {block size in elements, bytes per block}. */
    private static final Map<Integer, int[]> TENSOR_BLOCKS = Map.ofEntries(
            Map.entry(0, new int[] {1, 4}), Map.entry(1, new int[] {1, 2}), Map.entry(2, new int[] {32, 18}),
            Map.entry(3, new int[] {32, 20}), Map.entry(6, new int[] {32, 22}), Map.entry(7, new int[] {32, 24}),
            Map.entry(8, new int[] {32, 34}), Map.entry(9, new int[] {32, 36}), Map.entry(10, new int[] {256, 84}),
            Map.entry(11, new int[] {256, 110}), Map.entry(12, new int[] {256, 144}),
            Map.entry(13, new int[] {256, 176}), Map.entry(14, new int[] {256, 210}),
            Map.entry(15, new int[] {256, 292}), Map.entry(16, new int[] {256, 66}),
            Map.entry(17, new int[] {256, 74}), Map.entry(18, new int[] {256, 98}), Map.entry(19, new int[] {256, 50}),
            Map.entry(20, new int[] {32, 18}), Map.entry(21, new int[] {256, 110}), Map.entry(22, new int[] {256, 82}),
            Map.entry(23, new int[] {256, 136}), Map.entry(24, new int[] {1, 1}), Map.entry(25, new int[] {1, 2}),
            Map.entry(26, new int[] {1, 4}), Map.entry(27, new int[] {1, 8}), Map.entry(28, new int[] {1, 8}),
            Map.entry(29, new int[] {256, 56}), Map.entry(30, new int[] {1, 2}), Map.entry(34, new int[] {256, 54}),
            Map.entry(35, new int[] {256, 66}));

    final int id;
    final int size;

    GgufType(int id, int size) {
        this.id = id;
        this.size = size;
    }

    static GgufType of(int id) {
        for (GgufType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown metadata value type " + id);
    }

    /** @return the bytes a tensor of this GGML type and element count takes, or -1 for a type unknown here */
    static long tensorBytes(int tensorType, long elements) {
        int[] block = TENSOR_BLOCKS.get(tensorType);
        return block == null ? -1 : elements / block[0] * block[1];
    }
}
