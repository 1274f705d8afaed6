package com.securemodel.core.deployment;

/**
 * The {@code model_config} of a deployment; null fields were not given.
 *
 * @param quantization {@code auto} (default), {@code none}, {@code int8} or {@code int4}
 */
public record ModelConfig(Integer contextLength, Integer maxOutputTokens, Double defaultTemperature,
                          Double defaultTopP, String quantization) {

    public static final ModelConfig EMPTY = new ModelConfig(null, null, null, null, null);
}
