package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.localstack.llm.Generation;

/**
 * TGI's Messages API bodies (OpenAI-compatible): a {@code chat.completion} object, or {@code chat.completion.chunk}
 * SSE events ending with {@code data:[DONE]}. TGI's finish reasons map to OpenAI's: {@code length} stays,
 * {@code eos_token} and {@code stop_sequence} become {@code stop}.
 *
 * @see <a href="https://huggingface.co/docs/text-generation-inference/messages_api">TGI Messages API</a>
 */
final class ChatFormat {

    static final String FINGERPRINT = "securemodel-sagemaker-emulator";
    static final byte[] DONE = "data:[DONE]\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private ChatFormat() {
    }

    static byte[] completion(String modelId, Generation generation, long created) {
        ObjectNode body = header("chat.completion", modelId, created);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", generation.text());
        choice.putNull("logprobs").put("finish_reason", finishReason(generation.finishReason()));
        body.putObject("usage").put("prompt_tokens", generation.promptTokens())
                .put("completion_tokens", generation.generatedTokens())
                .put("total_tokens", generation.promptTokens() + generation.generatedTokens());
        return Json.bytes(body);
    }

    static byte[] chunk(String modelId, long created, String text, String finishReason) {
        ObjectNode body = header("chat.completion.chunk", modelId, created);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("role", "assistant").put("content", text);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason(finishReason));
        }
        body.putNull("usage");
        return TgiFormat.sse(body);
    }

    /** The usage chunk of a stream that asked for it: empty choices, then {@code usage} (OpenAI's and vLLM's). */
    static byte[] usageChunk(String modelId, long created, Generation generation) {
        ObjectNode body = header("chat.completion.chunk", modelId, created);
        body.putArray("choices");
        body.putObject("usage").put("prompt_tokens", generation.promptTokens())
                .put("completion_tokens", generation.generatedTokens())
                .put("total_tokens", generation.promptTokens() + generation.generatedTokens());
        return TgiFormat.sse(body);
    }

    private static ObjectNode header(String object, String modelId, long created) {
        return Json.object().put("object", object).put("id", "").put("created", created).put("model", modelId)
                .put("system_fingerprint", FINGERPRINT);
    }

    private static String finishReason(String tgiReason) {
        return "length".equals(tgiReason) ? "length" : "stop";
    }
}
