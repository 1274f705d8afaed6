package com.securemodel.localstack.llm.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.localstack.llm.ChatMessage;
import com.securemodel.localstack.llm.Generation;
import com.securemodel.localstack.llm.GenerationSpec;
import com.securemodel.localstack.llm.TextGenerator;
import com.securemodel.localstack.llm.TokenListener;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link TextGenerator} over one llama.cpp model; serves one request at a time.
 *
 * <p>The binding streams text pieces, one per generated token, with no token ids and no stop reason. So stop
 * sequences are applied here (to know when one matched), each piece counts as one token, token ids come from
 * a piece-to-id table built from the vocabulary at load (-1 where a piece is not one vocabulary entry), and
 * the generation ended on end-of-sequence when it stopped short of {@code max_new_tokens} on an empty piece
 * (llama.cpp renders EOS as one). Chat messages are rendered with the model's own chat template
 * ({@code tokenizer.chat_template}, Jinja) through llama.cpp's {@code applyTemplate}.
 */
public final class LlamaTextGenerator implements TextGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String modelId;
    private final LlamaModel model;
    private final int contextSize;
    private final boolean addsBos;
    private final Map<String, Integer> pieceIds;
    private final Consumer<LlamaModel> release;
    private boolean closed;

    public LlamaTextGenerator(String modelId, LlamaModel model, int contextSize, boolean addsBos, int vocabSize) {
        this(modelId, model, contextSize, addsBos, vocabSize, LlamaModel::close);
    }

    /** @param release what {@link #close()} does with the model (closes it, or hands it back for reuse) */
    public LlamaTextGenerator(String modelId, LlamaModel model, int contextSize, boolean addsBos, int vocabSize,
                              Consumer<LlamaModel> release) {
        this.modelId = modelId;
        this.model = model;
        this.release = release;
        this.contextSize = contextSize;
        this.addsBos = addsBos;
        this.pieceIds = pieceIds(model, vocabSize);
    }

    @Override
    public synchronized Generation generate(GenerationSpec spec, TokenListener onToken) {
        if (closed) {
            throw new IllegalStateException("model " + modelId + " is closed");
        }
        InferenceMapping.validate(spec);
        String prompt = spec.messages() != null ? applyChatTemplate(spec) : spec.prompt();
        int promptTokens = model.encode(prompt).length + (addsBos ? 1 : 0);
        if (promptTokens + spec.maxNewTokens() > contextSize) {
            throw new IllegalArgumentException("`inputs` tokens + `max_new_tokens` must be <= " + contextSize
                    + ". Given: " + promptTokens + " `inputs` tokens and " + spec.maxNewTokens() + " `max_new_tokens`");
        }
        var filter = new StopSequenceFilter(spec.stop());
        LlamaIterator tokens = model.generate(InferenceMapping.toInference(spec, prompt)).iterator();
        int generated = 0;
        boolean lastPieceEmpty = false;
        while (tokens.hasNext()) {
            LlamaOutput out = tokens.next();
            if (!tokens.hasNext()) {
                emitRest(filter, out.text, onToken);
                break;
            }
            generated++;
            lastPieceEmpty = out.text.isEmpty();
            onToken.onToken(pieceIds.getOrDefault(out.text, -1), filter.accept(out.text));
            if (filter.matched()) {
                tokens.cancel();
            }
        }
        String reason = filter.matched() ? "stop_sequence"
                : generated < spec.maxNewTokens() && lastPieceEmpty ? "eos_token" : "length";
        int count = reason.equals("length") ? spec.maxNewTokens() : generated;
        return new Generation(filter.text(), reason, count, promptTokens);
    }

    private static void emitRest(StopSequenceFilter filter, String finalText, TokenListener onToken) {
        String rest = filter.accept(finalText);
        if (!filter.matched()) {
            rest += filter.flush();
        }
        if (!rest.isEmpty()) {
            onToken.onToken(-1, rest);
        }
    }

    private String applyChatTemplate(GenerationSpec spec) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : spec.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        return model.applyTemplate(body.toString());
    }

    /** Later ids win: in SentencePiece vocabularies that is the normal token rather than its byte fallback. */
    private static Map<String, Integer> pieceIds(LlamaModel model, int vocabSize) {
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < vocabSize; id++) {
            String piece = model.decode(new int[] {id});
            if (!piece.isEmpty()) {
                ids.put(piece, id);
            }
        }
        return Map.copyOf(ids);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release.accept(model);
        }
    }
}
