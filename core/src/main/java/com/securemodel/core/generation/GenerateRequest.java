package com.securemodel.core.generation;

import java.util.List;

/** {@code POST /v1/deployments/{id}/generate}: null means the deployment's default. */
public record GenerateRequest(String prompt, Integer maxTokens, Double temperature, Double topP, List<String> stop) {

    public GenerateRequest {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
