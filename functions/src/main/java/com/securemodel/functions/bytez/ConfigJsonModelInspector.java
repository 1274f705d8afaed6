package com.securemodel.functions.bytez;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.bytez.ModelInspector;
import com.securemodel.core.bytez.ModelMetadata;
import com.securemodel.core.bytez.ModelUnreadableException;
import com.securemodel.functions.tokens.TokenizerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * A model's metadata from its Hugging Face files in the service bucket ({@code models/<model id>/config.json} and
 * {@code model.safetensors.index.json}; the token counter reads {@code tokenizer.json} from the same place):
 * architecture, layers, attention shape and context from {@code config.json}, the parameter count from the
 * index's {@code metadata.total_size} divided by the bytes of {@code torch_dtype} (a model without an index, one
 * safetensors file, is estimated from its shape).
 *
 * @see <a href="https://huggingface.co/docs/transformers/main_classes/configuration">PretrainedConfig</a>
 */
public final class ConfigJsonModelInspector implements ModelInspector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TokenizerFiles files;

    public ConfigJsonModelInspector(TokenizerFiles files) {
        this.files = files;
    }

    @Override
    public ModelMetadata inspect(String modelId) {
        JsonNode config = read(modelId, "config.json").orElseThrow(() -> new ModelUnreadableException(
                "no config.json for " + modelId + " in the service bucket: upload the model's Hugging Face files "
                        + "(config.json, model.safetensors.index.json, tokenizer.json) under models/" + modelId + "/"));
        Optional<JsonNode> index = read(modelId, "model.safetensors.index.json");
        return metadata(modelId, config, index.orElse(null));
    }

    /** @param index the safetensors index, or null */
    static ModelMetadata metadata(String modelId, JsonNode config, JsonNode index) {
        String architecture = text(config, "model_type", "unknown");
        int layers = integer(config, "num_hidden_layers", "n_layer");
        int heads = integer(config, "num_attention_heads", "n_head");
        int hidden = integer(config, "hidden_size", "n_embd");
        int kvHeads = config.path("num_key_value_heads").canConvertToInt() ? config.get("num_key_value_heads").asInt()
                : heads;
        int headDim = config.path("head_dim").canConvertToInt() ? config.get("head_dim").asInt()
                : heads > 0 ? hidden / heads : 0;
        int context = integer(config, "max_position_embeddings", "n_positions");
        String dtype = text(config, "torch_dtype", "float32").toLowerCase(Locale.ROOT);
        long parameters;
        if (index != null && index.path("metadata").path("total_size").canConvertToLong()) {
            parameters = index.path("metadata").path("total_size").asLong() / bytes(dtype);
        } else {
            long vocab = config.path("vocab_size").asLong(32_000);
            int intermediate = config.path("intermediate_size").asInt(4 * hidden);
            parameters = (long) layers * (4L * hidden * hidden + 3L * hidden * intermediate) + 2 * vocab * hidden;
        }
        if (layers <= 0 || heads <= 0 || context <= 0 || parameters <= 0) {
            throw new ModelUnreadableException("config.json of " + modelId + " lacks num_hidden_layers, "
                    + "num_attention_heads, hidden_size or max_position_embeddings");
        }
        return new ModelMetadata(architecture, parameters, dtype, context, layers, kvHeads, headDim, null);
    }

    private Optional<JsonNode> read(String modelId, String file) {
        try {
            Optional<byte[]> bytes = files.read(modelId, file);
            return bytes.isEmpty() ? Optional.empty() : Optional.of(JSON.readTree(bytes.get()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelUnreadableException(file + " of " + modelId + " is not valid JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int bytes(String dtype) {
        return switch (dtype) {
            case "float16", "bfloat16", "half" -> 2;
            case "int8", "float8_e4m3fn", "uint8" -> 1;
            default -> 4;
        };
    }

    private static int integer(JsonNode config, String name, String alias) {
        JsonNode value = config.has(name) ? config.get(name) : config.path(alias);
        return value.canConvertToInt() ? value.asInt() : 0;
    }

    private static String text(JsonNode config, String name, String fallback) {
        return config.path(name).isTextual() ? config.get(name).asText() : fallback;
    }
}
