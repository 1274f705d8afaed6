package com.securemodel.core.generation;

import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.InvocationRequest;

/** Checks a {@link GenerateRequest} against the deployment's model config and fills in its defaults. */
final class GenerateRequestValidator {

    static final int MAX_PROMPT_CHARS = 100_000;
    static final int DEFAULT_MAX_TOKENS = 256;
    static final int MAX_TOKENS_CAP = 4096;
    static final int MAX_STOP_SEQUENCES = 4;

    private GenerateRequestValidator() {
    }

    static InvocationRequest toInvocation(GenerateRequest request, ModelConfig config) {
        if (request == null || request.prompt() == null || request.prompt().isBlank()) {
            throw ServiceException.validation("prompt is required and must not be blank");
        }
        if (request.prompt().length() > MAX_PROMPT_CHARS) {
            throw ServiceException.validation("prompt must be at most " + MAX_PROMPT_CHARS + " characters (got "
                    + request.prompt().length() + ")");
        }
        int limit = Math.min(MAX_TOKENS_CAP, config.maxOutputTokens() == null ? MAX_TOKENS_CAP
                : config.maxOutputTokens());
        int fallback = Math.min(limit, config.maxOutputTokens() == null ? DEFAULT_MAX_TOKENS : config.maxOutputTokens());
        int maxTokens = request.maxTokens() == null ? fallback : request.maxTokens();
        if (maxTokens < 1 || maxTokens > limit) {
            throw ServiceException.validation("max_tokens must be between 1 and " + limit + " for this deployment (got "
                    + maxTokens + ")");
        }
        Double temperature = request.temperature() == null ? config.defaultTemperature() : request.temperature();
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw ServiceException.validation("temperature must be between 0 and 2 (got " + temperature + ")");
        }
        Double topP = request.topP() == null ? config.defaultTopP() : request.topP();
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw ServiceException.validation("top_p must be greater than 0 and at most 1 (got " + topP + ")");
        }
        if (request.stop().size() > MAX_STOP_SEQUENCES) {
            throw ServiceException.validation("stop may hold at most " + MAX_STOP_SEQUENCES + " sequences (got "
                    + request.stop().size() + ")");
        }
        if (request.stop().stream().anyMatch(s -> s == null || s.isEmpty())) {
            throw ServiceException.validation("stop sequences must be non-empty strings");
        }
        return new InvocationRequest(request.prompt(), maxTokens, temperature, topP, null, request.stop(), null);
    }
}
