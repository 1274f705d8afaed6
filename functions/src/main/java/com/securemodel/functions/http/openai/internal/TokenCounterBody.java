package com.securemodel.functions.http.openai.internal;

import java.util.List;

/** The body of {@code POST /utils/token_counter}: a model and either a prompt or messages (LiteLLM's shape). */
public record TokenCounterBody(String model, String prompt, List<ChatBody.MessageBody> messages) {
}
