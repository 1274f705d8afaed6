package com.securemodel.functions.http.openai.internal;

import com.securemodel.core.generation.Usage;
import java.util.List;

/** OpenAI's response objects, with the fields the SDKs read (nulls written, as OpenAI does). */
final class OpenAiViews {

    private OpenAiViews() {
    }

    record UsageView(int promptTokens, int completionTokens, int totalTokens) {
        static UsageView of(Usage usage) {
            return new UsageView(usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
        }
    }

    record ChatCompletion(String id, String object, long created, String model, List<ChatChoice> choices,
                          UsageView usage, String systemFingerprint) {
    }

    record ChatChoice(int index, ChatMessageView message, Object logprobs, String finishReason) {
    }

    record ChatMessageView(String role, String content, String refusal) {
    }

    record ChatChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
                     UsageView usage, String systemFingerprint) {
    }

    record ChunkChoice(int index, Delta delta, Object logprobs, String finishReason) {
    }

    record Delta(String role, String content) {
    }

    record Completion(String id, String object, long created, String model, List<TextChoice> choices,
                      UsageView usage, String systemFingerprint) {
    }

    record TextChoice(String text, int index, Object logprobs, String finishReason) {
    }

    record Model(String id, String object, long created, String ownedBy) {
    }

    record ModelList(String object, List<Model> data) {
    }

    record TokenCount(int totalTokens, String requestModel, String modelUsed, String tokenizerType) {
    }

    /** The event a failed stream ends with. */
    record StreamError(Object error) {
    }
}
