package com.securemodel.core.generation;

import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.InvocationRequest;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link GenerateRequest} against the deployment's model config and fills in its defaults. Messages name
 * fields as the dialects do ({@code max_tokens}, {@code top_p}); the same rules hold in every dialect.
 */
final class GenerateRequestValidator {

    static final int MAX_PROMPT_CHARS = 100_000;
    static final int DEFAULT_MAX_TOKENS = 256;
    static final int MAX_TOKENS_CAP = 4096;
    static final int MAX_STOP_SEQUENCES = 4;
    static final int MAX_MESSAGES = 256;
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private GenerateRequestValidator() {
    }

    static InvocationRequest toInvocation(GenerateRequest request, ModelConfig config) {
        if (request == null) {
            throw ServiceException.validation("prompt is required and must not be blank");
        }
        List<ChatMessage> messages = request.chat() ? messages(request) : null;
        if (!request.chat()) {
            prompt(request.prompt());
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
        stop(request.stop());
        if (request.topK() != null && request.topK() < 1) {
            throw ServiceException.validation("top_k must be at least 1 (got " + request.topK() + ")");
        }
        if (request.repetitionPenalty() != null
                && !(request.repetitionPenalty() > 0 && request.repetitionPenalty() <= 10)) {
            throw ServiceException.validation("repetition_penalty must be greater than 0 and at most 10 (got "
                    + request.repetitionPenalty() + ")");
        }
        penalty("presence_penalty", request.presencePenalty());
        penalty("frequency_penalty", request.frequencyPenalty());
        if (request.seed() != null && request.seed() < 0) {
            throw ServiceException.validation("seed must not be negative (got " + request.seed() + ")");
        }
        return new InvocationRequest(request.chat() ? null : request.prompt(), messages, maxTokens, temperature, topP,
                request.topK(), request.repetitionPenalty(), request.presencePenalty(), request.frequencyPenalty(),
                request.stop(), request.seed());
    }

    private static void prompt(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            throw ServiceException.validation("prompt is required and must not be blank");
        }
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw ServiceException.validation("prompt must be at most " + MAX_PROMPT_CHARS + " characters (got "
                    + prompt.length() + ")");
        }
    }

    /** OpenAI's {@code developer} role is a system message for these models. */
    private static List<ChatMessage> messages(GenerateRequest request) {
        List<ChatMessage> messages = request.messages();
        if (messages.isEmpty()) {
            throw ServiceException.validation("messages must hold at least one message");
        }
        if (messages.size() > MAX_MESSAGES) {
            throw ServiceException.validation("messages may hold at most " + MAX_MESSAGES + " messages (got "
                    + messages.size() + ")");
        }
        long chars = 0;
        for (int i = 0; i < messages.size(); i++) {
            String role = messages.get(i).role();
            if (!ROLES.contains(role) && !"developer".equals(role)) {
                throw ServiceException.validation("messages[" + i + "].role must be system, user or assistant (got '"
                        + abbreviate(role) + "')");
            }
            chars += messages.get(i).content().length();
        }
        if (chars > MAX_PROMPT_CHARS) {
            throw ServiceException.validation("messages must hold at most " + MAX_PROMPT_CHARS
                    + " characters of content together (got " + chars + ")");
        }
        if (messages.stream().allMatch(m -> m.content().isBlank())) {
            throw ServiceException.validation("messages must not all be empty");
        }
        return messages.stream()
                .map(m -> "developer".equals(m.role()) ? new ChatMessage("system", m.content()) : m)
                .toList();
    }

    private static void stop(List<String> stop) {
        if (stop.size() > MAX_STOP_SEQUENCES) {
            throw ServiceException.validation("stop may hold at most " + MAX_STOP_SEQUENCES + " sequences (got "
                    + stop.size() + ")");
        }
        if (stop.stream().anyMatch(s -> s == null || s.isEmpty())) {
            throw ServiceException.validation("stop sequences must be non-empty strings");
        }
    }

    private static void penalty(String field, Double value) {
        if (value != null && !(value >= -2 && value <= 2)) {
            throw ServiceException.validation(field + " must be between -2 and 2 (got " + value + ")");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }
}
