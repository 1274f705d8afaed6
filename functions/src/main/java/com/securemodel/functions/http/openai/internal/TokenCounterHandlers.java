package com.securemodel.functions.http.openai.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.tokens.TokenCount;
import com.securemodel.core.tokens.TokenCounter;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;

/**
 * {@code POST /utils/token_counter {model, prompt | messages}} → {@code {total_tokens, request_model, model_used,
 * tokenizer_type}} (LiteLLM's shape). {@code model} names a deployment of the caller (any status) or a model id;
 * the count uses that model's own tokenizer where the service has it.
 */
public final class TokenCounterHandlers {

    private final GenerationService generation;
    private final TokenCounter counter;
    private final ObjectMapper json;

    public TokenCounterHandlers(GenerationService generation, TokenCounter counter, ObjectMapper json) {
        this.generation = generation;
        this.counter = counter;
        this.json = json;
    }

    public ApiResponse count(ApiRequest request) {
        TokenCounterBody body = RequestBodies.read(json, request, TokenCounterBody.class);
        String model = OpenAiRequests.model(null, body.model());
        if ((body.prompt() == null) == (body.messages() == null)) {
            throw ServiceException.invalidRequest("Send exactly one of prompt (a string) and messages (a list)");
        }
        String modelId = generation.modelIdFor(request.clientId(), model);
        TokenCount count = body.messages() != null
                ? counter.count(modelId, null, OpenAiRequests.messages(body.messages()))
                : counter.count(modelId, body.prompt(), null);
        return ApiResponse.ok(new OpenAiViews.TokenCount(count.totalTokens(), model, count.modelUsed(),
                count.tokenizerType()));
    }
}
