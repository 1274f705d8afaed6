package com.securemodel.core.tokens;

import com.securemodel.core.generation.ChatMessage;
import java.util.List;

/**
 * Port: counts tokens the way a model's own tokenizer does, where the service has that tokenizer, else with a named
 * fallback. Messages are counted after the model's chat template is applied.
 */
public interface TokenCounter {

    /**
     * @param modelId the model (catalog id, for example {@code securemodel/tiny-random-llama})
     * @param prompt the text to count, or null when {@code messages} is given
     * @param messages the chat to count, or null when {@code prompt} is given
     */
    TokenCount count(String modelId, String prompt, List<ChatMessage> messages);
}
