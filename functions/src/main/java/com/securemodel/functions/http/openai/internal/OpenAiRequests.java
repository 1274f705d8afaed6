package com.securemodel.functions.http.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.ChatMessage;
import com.securemodel.core.generation.GenerateRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns OpenAI request bodies into the core's {@link GenerateRequest}, refusing by name whatever this backend
 * cannot honour (OpenAI refuses unrecognized arguments rather than ignoring them; so does this service).
 */
final class OpenAiRequests {

    private OpenAiRequests() {
    }

    static GenerateRequest chat(ChatBody body, boolean queueRoute) {
        refuseChatOnly(body, queueRoute);
        commonRefusals(body.n(), body.stream(), body.streamOptions(), body.logitBias());
        if (body.messages() == null) {
            throw ServiceException.invalidRequest("messages is required: a list of {role, content} messages");
        }
        Integer maxTokens = body.maxCompletionTokens() != null ? body.maxCompletionTokens() : body.maxTokens();
        if (body.maxCompletionTokens() != null && body.maxTokens() != null
                && !body.maxCompletionTokens().equals(body.maxTokens())) {
            throw ServiceException.invalidRequest("max_tokens and max_completion_tokens disagree: send one of them");
        }
        return new GenerateRequest(null, messages(body.messages()), maxTokens, body.temperature(), body.topP(),
                body.stop(), body.topK(), body.repetitionPenalty(), body.presencePenalty(), body.frequencyPenalty(),
                body.seed());
    }

    static GenerateRequest completion(CompletionBody body) {
        commonRefusals(body.n(), body.stream(), body.streamOptions(), body.logitBias());
        if (Boolean.TRUE.equals(body.echo())) {
            throw ServiceException.invalidRequest("echo is not supported: the completion never repeats the prompt");
        }
        if (body.bestOf() != null && body.bestOf() != 1) {
            throw ServiceException.invalidRequest("best_of must be 1: this service generates one completion");
        }
        if (body.suffix() != null) {
            throw ServiceException.invalidRequest("suffix is not supported by these models (no fill-in-the-middle)");
        }
        if (body.logprobs() != null && body.logprobs() != 0) {
            throw ServiceException.invalidRequest("logprobs is not supported by this service");
        }
        return new GenerateRequest(prompt(body.prompt()), null, body.maxTokens(), body.temperature(), body.topP(),
                body.stop(), body.topK(), body.repetitionPenalty(), body.presencePenalty(), body.frequencyPenalty(),
                body.seed());
    }

    static boolean stream(Boolean stream) {
        return Boolean.TRUE.equals(stream);
    }

    static boolean includeUsage(ChatBody.StreamOptions options) {
        return options != null && Boolean.TRUE.equals(options.includeUsage());
    }

    /**
     * @param pathModel the model named in the path ({@code /engines/{model}/...}, Azure's deployment), or null
     * @return the model the request names
     */
    static String model(String pathModel, String bodyModel) {
        if (pathModel != null && bodyModel != null && !pathModel.equals(bodyModel)) {
            throw ServiceException.invalidRequest("model in the body ('" + abbreviate(bodyModel)
                    + "') differs from the model in the path ('" + abbreviate(pathModel) + "'): send one of them");
        }
        String model = pathModel != null ? pathModel : bodyModel;
        if (model == null || model.isBlank()) {
            throw ServiceException.invalidRequest(
                    "model is required: a deployment id, a deployment name or a deployed model id");
        }
        return model;
    }

    static List<ChatMessage> messages(List<ChatBody.MessageBody> bodies) {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            ChatBody.MessageBody message = bodies.get(i);
            if (message == null) {
                throw ServiceException.invalidRequest("messages[" + i + "] must be an object with role and content,"
                        + " not null");
            }
            if (message.role() == null) {
                throw ServiceException.invalidRequest("messages[" + i + "].role is required: system, user or "
                        + "assistant");
            }
            if (message.name() != null) {
                throw ServiceException.invalidRequest("messages[" + i + "].name is not supported by these models");
            }
            messages.add(new ChatMessage(message.role(), content(message.content(), i)));
        }
        return messages;
    }

    private static String content(JsonNode content, int index) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw ServiceException.invalidRequest("messages[" + index + "].content parts must be "
                            + "{\"type\": \"text\", \"text\": \"...\"}: these models read text only");
                }
                text.append(part.path("text").asText());
            }
            return text.toString();
        }
        throw ServiceException.invalidRequest("messages[" + index + "].content must be a string or a list of text "
                + "parts");
    }

    private static String prompt(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw ServiceException.invalidRequest("prompt is required: a string");
        }
        if (prompt.isTextual()) {
            return prompt.asText();
        }
        if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt.get(0).asText();
        }
        throw ServiceException.invalidRequest("prompt must be a string or a list of one string (token arrays and "
                + "several prompts are not supported)");
    }

    private static void refuseChatOnly(ChatBody body, boolean queueRoute) {
        if (Boolean.TRUE.equals(body.logprobs())) {
            throw ServiceException.invalidRequest("logprobs is not supported by this service");
        }
        if (body.topLogprobs() != null && body.topLogprobs() != 0) {
            throw ServiceException.invalidRequest("top_logprobs is not supported by this service");
        }
        if (present(body.tools()) || present(body.functions())) {
            throw ServiceException.invalidRequest((present(body.tools()) ? "tools" : "functions")
                    + " are not supported by these deployments (no tool calling)");
        }
        if (present(body.toolChoice()) && !"none".equals(body.toolChoice().asText())
                || present(body.functionCall()) && !"none".equals(body.functionCall().asText())) {
            throw ServiceException.invalidRequest((present(body.toolChoice()) ? "tool_choice" : "function_call")
                    + " is not supported by these deployments (no tool calling)");
        }
        if (present(body.responseFormat()) && !"text".equals(body.responseFormat().path("type").asText())) {
            throw ServiceException.invalidRequest("response_format must be {\"type\": \"text\"}: structured output "
                    + "is not supported by these deployments");
        }
        if (body.priority() != null && !queueRoute) {
            throw ServiceException.invalidRequest("priority is read by /queue/chat/completions only");
        }
    }

    private static void commonRefusals(Integer n, Boolean stream, ChatBody.StreamOptions options,
                                       java.util.Map<String, Double> logitBias) {
        if (n != null && n != 1) {
            throw ServiceException.invalidRequest("n must be 1: this service generates one choice per request");
        }
        if (options != null && !Boolean.TRUE.equals(stream)) {
            throw ServiceException.invalidRequest("stream_options is only allowed when stream is true");
        }
        if (logitBias != null && !logitBias.isEmpty()) {
            throw ServiceException.invalidRequest("logit_bias is not supported by this service");
        }
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !(node.isArray() && node.isEmpty());
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
