package com.securemodel.core.generation;

import java.time.Instant;

/**
 * A finished generation.
 *
 * @param id {@code gen_...}
 * @param finishReason {@code stop} or {@code length} (the PaiTIENT words)
 */
public record GenerateResult(String id, String deploymentId, String prompt, String completion, String finishReason,
                             Usage usage, Instant createdAt) {
}
