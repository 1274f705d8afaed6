package com.securemodel.core.bytez;

/**
 * A Bytez {@code /model/load}; null means "not given".
 *
 * @param concurrency parallel inferences: instances of the deployment (default 1)
 * @param expirationPeriodSeconds idle seconds before the instance is removed (default 1800)
 * @param precision bytez.js's {@code precision}: 4 or 8 (quantized), 16 or 32 (not quantized); null lets the
 *        GPU-fit planner choose
 */
public record LoadRequest(String modelId, Integer concurrency, Long expirationPeriodSeconds, Integer precision) {
}
