package com.securemodel.localstack.sagemaker.internal;

import com.securemodel.localstack.llm.Generation;
import com.securemodel.localstack.llm.TokenListener;
import java.util.function.Consumer;

/**
 * Turns tokens into the container's SSE events as they arrive. The last token is held back until the generation
 * ends, because TGI sends it together with {@code generated_text} and {@code details} (or, for the Messages API,
 * with {@code finish_reason}, followed by {@code data:[DONE]}). Event indexes start at 1, as in TGI.
 */
final class StreamRelay implements TokenListener {

    private final TgiRequest request;
    private final String modelId;
    private final long created;
    private final Consumer<byte[]> sink;
    private Token held;
    private int index;

    StreamRelay(TgiRequest request, String modelId, long created, Consumer<byte[]> sink) {
        this.request = request;
        this.modelId = modelId;
        this.created = created;
        this.sink = sink;
    }

    @Override
    public void onToken(int id, String text) {
        if (held != null) {
            index++;
            sink.accept(request.chat() ? ChatFormat.chunk(modelId, created, held.text(), null)
                    : TgiFormat.tokenEvent(held, index));
        }
        held = new Token(id, text, false);
    }

    void finish(Generation generation) {
        Token last = held == null ? Token.END : held;
        index++;
        if (request.chat()) {
            sink.accept(ChatFormat.chunk(modelId, created, last.text(), generation.finishReason()));
            if (request.includeUsage()) {
                sink.accept(ChatFormat.usageChunk(modelId, created, generation));
            }
            sink.accept(ChatFormat.DONE);
        } else {
            sink.accept(TgiFormat.lastTokenEvent(request, last, index, generation));
        }
    }
}
