package com.securemodel.core.model;

import java.time.Instant;
import java.util.Locale;

/**
 * A model a Bytez job made available: public metadata read from the model's own artifacts, kept in the
 * service-wide catalog (not tenant data: no client id, no prompt, nothing a client sent but the model id).
 *
 * @param task the Hugging Face pipeline task, for example {@code text-generation}
 * @param architecture for example {@code llama}
 * @param dtype the precision of the artifacts, for example {@code bf16} or {@code q4_k}
 * @param requiredRamGb GPU memory (GiB) the cheapest allowed placement needs: weights in the chosen precision,
 *        KV cache and overhead, as the GPU-fit planner estimates
 * @param benchmarked true once a load of it was measured serving (memory and tokens/s recorded)
 * @param addedAt when the job that made it available ended
 */
public record CatalogModel(String id, String task, String architecture, long parameters, String dtype,
                           int contextLength, int layers, int kvHeads, int headDim, double requiredRamGb,
                           boolean benchmarked, Instant addedAt) {

    /** @return what deployments and the GPU-fit planner read */
    public ModelInfo toModelInfo() {
        String name = id.substring(id.lastIndexOf('/') + 1);
        return new ModelInfo(id, name, dtype == null ? "1" : dtype.toLowerCase(Locale.ROOT),
                "Made available by a Bytez job (" + architecture + ", " + parameters + " parameters)",
                parameters, contextLength, false, layers, kvHeads, headDim);
    }
}
