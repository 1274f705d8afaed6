package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.localstack.llm.Generation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * TGI's response bodies. {@code /generate}: {@code [{"generated_text", "details"?}]} (details only when asked);
 * {@code /generate_stream}: SSE events {@code data:{"index","token","top_tokens","generated_text","details"}}
 * where only the last carries {@code generated_text} and {@code details}.
 *
 * @see <a href="https://huggingface.github.io/text-generation-inference/">TGI API</a>
 */
final class TgiFormat {

    private TgiFormat() {
    }

    static byte[] generated(TgiRequest request, Generation generation, List<Token> tokens) {
        ObjectNode result = Json.object().put("generated_text", fullText(request, generation));
        if (request.details()) {
            ObjectNode details = details(request, generation);
            details.putArray("prefill");
            ArrayNode array = details.putArray("tokens");
            tokens.forEach(token -> array.add(token(token)));
            result.set("details", details);
        }
        ArrayNode body = Json.array().add(result);
        return Json.bytes(body);
    }

    static byte[] tokenEvent(Token token, int index) {
        ObjectNode event = Json.object().put("index", index);
        event.set("token", token(token));
        event.putNull("top_tokens").putNull("generated_text").putNull("details");
        return sse(event);
    }

    static byte[] lastTokenEvent(TgiRequest request, Token token, int index, Generation generation) {
        ObjectNode event = Json.object().put("index", index);
        event.set("token", token(token));
        event.putNull("top_tokens").put("generated_text", fullText(request, generation));
        event.set("details", details(request, generation));
        return sse(event);
    }

    static byte[] sse(ObjectNode event) {
        return ("data:" + Json.string(event) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode token(Token token) {
        ObjectNode node = Json.object().put("id", token.id()).put("text", token.text());
        return node.putNull("logprob").put("special", token.special());
    }

    private static ObjectNode details(TgiRequest request, Generation generation) {
        ObjectNode details = Json.object().put("finish_reason", generation.finishReason())
                .put("generated_tokens", generation.generatedTokens())
                .put("input_length", generation.promptTokens());
        Long seed = request.spec().seed();
        return seed == null || !request.spec().doSample() ? details.putNull("seed") : details.put("seed", seed);
    }

    private static String fullText(TgiRequest request, Generation generation) {
        return request.returnFullText() ? request.spec().prompt() + generation.text() : generation.text();
    }
}
