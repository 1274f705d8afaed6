package com.securemodel.sdk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A generation on a deployment ({@code deploymentId}: its id) or on an endpoint or canary endpoint (its {@code ep_}
 * or {@code cep_} id, see {@link SecureModelClient#endpoints()}); only the prompt is required.
 */
public record GenerateRequest(
        @JsonIgnore String deploymentId,
        String prompt,
        Integer maxTokens,
        Double temperature,
        Double topP,
        List<String> stop) {

    public static Builder builder(String deploymentId, String prompt) {
        return new Builder(deploymentId, prompt);
    }

    /** Builds a {@link GenerateRequest}. */
    public static final class Builder {
        private final String deploymentId;
        private final String prompt;
        private Integer maxTokens;
        private Double temperature;
        private Double topP;
        private List<String> stop;

        private Builder(String deploymentId, String prompt) {
            this.deploymentId = deploymentId;
            this.prompt = prompt;
        }

        public Builder maxTokens(int value) {
            maxTokens = value;
            return this;
        }

        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        public Builder topP(double value) {
            topP = value;
            return this;
        }

        public Builder stop(String... values) {
            stop = List.of(values);
            return this;
        }

        public GenerateRequest build() {
            return new GenerateRequest(deploymentId, prompt, maxTokens, temperature, topP, stop);
        }
    }
}
