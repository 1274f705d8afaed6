package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.securemodel.core.generation.GenerateRequest;
import java.util.List;

/** The body of {@code POST /v1/deployments/{deployment_id}/generate}; {@code stop} is a string or a list. */
public record GenerateBody(String prompt, Integer maxTokens, Double temperature, Double topP,
                           @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop) {

    public GenerateRequest toCore() {
        return new GenerateRequest(prompt, maxTokens, temperature, topP, stop);
    }
}
