package com.securemodel.core.hosting;

import java.util.List;

/**
 * One generation, in the container's terms (TGI {@code inputs} + {@code parameters}). Null means the
 * container's default.
 */
public record InvocationRequest(String prompt, int maxNewTokens, Double temperature, Double topP, Integer topK,
                                List<String> stop, Long seed) {

    public InvocationRequest {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
