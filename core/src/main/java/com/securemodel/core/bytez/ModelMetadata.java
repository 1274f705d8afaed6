package com.securemodel.core.bytez;

/**
 * What a model's artifacts say about it (locally its GGUF header; on AWS its {@code config.json} and safetensors
 * index): what the GPU-fit planner and {@code /model/list} need.
 *
 * @param dtype the precision of the artifacts, for example {@code bf16}
 * @param kvHeads key/value heads (grouped-query attention; the attention heads when the model has no GQA)
 */
public record ModelMetadata(String architecture, long parameters, String dtype, int contextLength, int layers,
                            int kvHeads, int headDim, String task) {
}
