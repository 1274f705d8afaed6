package com.securemodel.functions.local.internal;

import com.securemodel.core.bytez.ModelInspector;
import com.securemodel.core.bytez.ModelMetadata;
import com.securemodel.core.bytez.ModelUnreadableException;
import com.securemodel.localstack.llm.FileModelCatalog;
import com.securemodel.localstack.llm.ModelLoadException;
import com.securemodel.localstack.llm.internal.GgufFile;
import com.securemodel.localstack.llm.internal.GgufInspector;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Local mode's model metadata: the model's GGUF file as the local cloud's catalog maps it, its header read and
 * checked by {@link GgufInspector} (the reasons it gives are what the job answers). The parameter count is the sum
 * of the tensors' elements; the dtype is the GGML type that holds most of them.
 */
public final class GgufModelInspector implements ModelInspector {

    private static final Map<Integer, String> GGML_TYPES = Map.ofEntries(Map.entry(0, "f32"), Map.entry(1, "f16"),
            Map.entry(2, "q4_0"), Map.entry(3, "q4_1"), Map.entry(6, "q5_0"), Map.entry(7, "q5_1"),
            Map.entry(8, "q8_0"), Map.entry(10, "q2_k"), Map.entry(11, "q3_k"), Map.entry(12, "q4_k"),
            Map.entry(13, "q5_k"), Map.entry(14, "q6_k"), Map.entry(30, "bf16"));

    private final FileModelCatalog catalog;

    public GgufModelInspector(Path modelsDir) {
        this.catalog = new FileModelCatalog(modelsDir);
    }

    @Override
    public ModelMetadata inspect(String modelId) {
        GgufFile file;
        try {
            Path path = catalog.resolve(modelId);
            file = GgufInspector.inspectLoadable(path);
        } catch (ModelLoadException e) {
            throw new ModelUnreadableException(e.getMessage(), e);
        }
        String arch = file.architecture();
        int heads = (int) file.integer(arch + ".attention.head_count", 0);
        int embedding = (int) file.integer(arch + ".embedding_length", 0);
        int kvHeads = (int) file.integer(arch + ".attention.head_count_kv", heads);
        int headDim = (int) file.integer(arch + ".attention.key_length", heads > 0 ? embedding / heads : 0);
        long parameters = file.tensors().stream().mapToLong(GgufFile.TensorInfo::elements).sum();
        String dtype = file.tensors().stream()
                .collect(Collectors.groupingBy(GgufFile.TensorInfo::type,
                        Collectors.summingLong(GgufFile.TensorInfo::elements)))
                .entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue)).map(Map.Entry::getKey)
                .map(type -> GGML_TYPES.getOrDefault(type, "ggml-type-" + type)).orElse("unknown");
        return new ModelMetadata(arch, parameters, dtype, (int) file.integer(arch + ".context_length", 0),
                (int) file.integer(arch + ".block_count", 0), kvHeads, headDim, null);
    }

}
