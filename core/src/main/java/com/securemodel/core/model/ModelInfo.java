package com.securemodel.core.model;

/**
 * A model the service can deploy ({@code GET /v1/models}), with what the GPU fit check needs.
 *
 * @param parameters parameter count
 * @param contextLength default context window in tokens
 * @param layers transformer blocks (for the KV cache estimate)
 * @param kvHeads key/value heads (grouped-query attention)
 * @param headDim dimension of one attention head
 */
public record ModelInfo(String id, String name, String version, String description, long parameters,
                        int contextLength, boolean supportedFineTuning, int layers, int kvHeads, int headDim) {
}
