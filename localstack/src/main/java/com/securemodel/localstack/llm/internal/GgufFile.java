package com.securemodel.localstack.llm.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a GGUF file's header says: its metadata (scalars and strings as Java values, arrays as
 * {@link ArrayInfo}) and its tensor infos.
 */
public record GgufFile(Path path, int version, Map<String, Object> metadata, List<TensorInfo> tensors,
                       long dataOffset, long fileSize) {

    public GgufFile {
        metadata = Map.copyOf(metadata);
        tensors = List.copyOf(tensors);
    }

    /** An array value: its element type and length (elements are not kept). */
    public record ArrayInfo(GgufType elementType, long length) { }

    /** One tensor: name, dims in GGML order, GGML type id, offset from the start of the data section. */
    public record TensorInfo(String name, List<Long> dims, int type, long offset) {

        public long elements() {
            return dims.stream().reduce(1L, (a, b) -> a * b);
        }

        /** @return bytes this tensor's data takes, or -1 when its type is unknown here */
        public long bytes() {
            return GgufType.tensorBytes(type, elements());
        }
    }

    public String architecture() {
        return metadata.get("general.architecture") instanceof String s ? s : null;
    }

    /** @return a boolean metadata value, or {@code fallback} when absent */
    public boolean flag(String key, boolean fallback) {
        return metadata.get(key) instanceof Boolean b ? b : fallback;
    }

    /** @return an integral metadata value, or {@code fallback} when absent */
    public long integer(String key, long fallback) {
        return metadata.get(key) instanceof Number n ? n.longValue() : fallback;
    }
}
