package com.securemodel.functions.http.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.IdGenerator;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.generation.GenerateRequest;
import com.securemodel.core.generation.GenerateResult;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.hosting.TextSink;
import com.securemodel.functions.http.error.ErrorResponses;
import com.securemodel.functions.http.openai.OpenAiErrorFormat;
import com.securemodel.functions.http.openai.internal.OpenAiViews.ChatChoice;
import com.securemodel.functions.http.openai.internal.OpenAiViews.ChatChunk;
import com.securemodel.functions.http.openai.internal.OpenAiViews.ChatCompletion;
import com.securemodel.functions.http.openai.internal.OpenAiViews.ChatMessageView;
import com.securemodel.functions.http.openai.internal.OpenAiViews.ChunkChoice;
import com.securemodel.functions.http.openai.internal.OpenAiViews.Completion;
import com.securemodel.functions.http.openai.internal.OpenAiViews.Delta;
import com.securemodel.functions.http.openai.internal.OpenAiViews.TextChoice;
import com.securemodel.functions.http.openai.internal.OpenAiViews.UsageView;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import com.securemodel.functions.http.routing.StreamBody;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Chat and text completions on every route alias: a whole {@code chat.completion} / {@code text_completion}, or,
 * with {@code stream: true}, server-sent events that leave as the container produces each token.
 */
public final class CompletionHandlers {

    private static final String SYSTEM_FINGERPRINT = "securemodel";
    /** The response header that names the deployment that served a completion. */
    static final String SERVED_BY = "X-Deployment-ID";

    private final GenerationService generation;
    private final ObjectMapper json;
    private final IdGenerator ids;
    private final Clock clock;

    public CompletionHandlers(GenerationService generation, ObjectMapper json, IdGenerator ids, Clock clock) {
        this.generation = generation;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code POST /chat/completions}, {@code /v1/chat/completions}. */
    public ApiResponse chat(ApiRequest request) {
        return chat(request, null);
    }

    /** {@code POST /engines/{model}/chat/completions}, {@code /openai/deployments/{model}/chat/completions}. */
    public ApiResponse chatForPathModel(ApiRequest request) {
        return chat(request, request.pathParameter("model"));
    }

    /** {@code POST /completions}, {@code /v1/completions}. */
    public ApiResponse complete(ApiRequest request) {
        return complete(request, null);
    }

    /** {@code POST /engines/{model}/completions}, {@code /openai/deployments/{model}/completions}. */
    public ApiResponse completeForPathModel(ApiRequest request) {
        return complete(request, request.pathParameter("model"));
    }

    ApiResponse chat(ApiRequest request, String pathModel) {
        ChatBody body = RequestBodies.read(json, request, ChatBody.class);
        return chat(request, body, OpenAiRequests.chat(body, false), pathModel, Gate.OPEN);
    }

    /**
     * Where a generation waits before it runs: nowhere, or (the queue route) in a priority queue in front of the
     * deployment's capacity.
     */
    interface Gate {

        Gate OPEN = new Gate() {
            @Override
            public <T> T through(Deployment deployment, Supplier<T> work) {
                return work.get();
            }
        };

        <T> T through(Deployment deployment, Supplier<T> work);
    }

    /** A chat request already read (the queue route reads its body first), run through {@code gate}. */
    ApiResponse chat(ApiRequest request, ChatBody body, GenerateRequest generate, String pathModel, Gate gate) {
        String model = OpenAiRequests.model(pathModel, body.model());
        Deployment deployment = generation.resolve(request.clientId(), model, body.user());
        String id = "chatcmpl-" + suffix();
        long created = clock.instant().getEpochSecond();
        if (!OpenAiRequests.stream(body.stream())) {
            GenerateResult result = gate.through(deployment, () -> generation.complete(deployment, generate));
            return served(deployment, new ChatCompletion(id, "chat.completion", created, model, List.of(
                    new ChatChoice(0, new ChatMessageView("assistant", result.completion(), null), null,
                            result.finishReason())),
                    UsageView.of(result.usage()), SYSTEM_FINGERPRINT));
        }
        generation.check(deployment, generate);
        boolean includeUsage = OpenAiRequests.includeUsage(body.streamOptions());
        return served(deployment, new EventStream(request.requestId(), deployment, generate, includeUsage, gate,
                new ChunkShapes<>(
                        (delta) -> new ChatChunk(id, "chat.completion.chunk", created, model,
                                List.of(new ChunkChoice(0, delta.first() ? new Delta("assistant", delta.text())
                                        : new Delta(null, delta.text()), null, null)), null, SYSTEM_FINGERPRINT),
                        (finish) -> new ChatChunk(id, "chat.completion.chunk", created, model,
                                List.of(new ChunkChoice(0, new Delta(null, null), null, finish)), null,
                                SYSTEM_FINGERPRINT),
                        (usage) -> new ChatChunk(id, "chat.completion.chunk", created, model, List.of(), usage,
                                SYSTEM_FINGERPRINT))));
    }

    ApiResponse complete(ApiRequest request, String pathModel) {
        CompletionBody body = RequestBodies.read(json, request, CompletionBody.class);
        GenerateRequest generate = OpenAiRequests.completion(body);
        String model = OpenAiRequests.model(pathModel, body.model());
        Deployment deployment = generation.resolve(request.clientId(), model, body.user());
        String id = "cmpl-" + suffix();
        long created = clock.instant().getEpochSecond();
        if (!OpenAiRequests.stream(body.stream())) {
            GenerateResult result = generation.complete(deployment, generate);
            return served(deployment, new Completion(id, "text_completion", created, model,
                    List.of(new TextChoice(result.completion(), 0, null, result.finishReason())),
                    UsageView.of(result.usage()), SYSTEM_FINGERPRINT));
        }
        generation.check(deployment, generate);
        return served(deployment, new EventStream(request.requestId(), deployment, generate,
                OpenAiRequests.includeUsage(body.streamOptions()), Gate.OPEN, new ChunkShapes<>(
                        (delta) -> new Completion(id, "text_completion", created, model,
                                List.of(new TextChoice(delta.text(), 0, null, null)), null, SYSTEM_FINGERPRINT),
                        (finish) -> new Completion(id, "text_completion", created, model,
                                List.of(new TextChoice("", 0, null, finish)), null, SYSTEM_FINGERPRINT),
                        (usage) -> new Completion(id, "text_completion", created, model, List.of(), usage,
                                SYSTEM_FINGERPRINT))));
    }

    /**
     * A 200 that names the deployment that served it in {@value #SERVED_BY} (the one an endpoint or a canary's split
     * picked), with a JSON body or a stream.
     */
    private static ApiResponse served(Deployment deployment, Object body) {
        Map<String, String> headers = Map.of(SERVED_BY, deployment.id());
        return body instanceof StreamBody stream ? new ApiResponse(200, null, headers, stream)
                : new ApiResponse(200, body, headers);
    }

    private String suffix() {
        String next = ids.next("x");
        return next.substring(next.indexOf('_') + 1);
    }

    /**
     * A text chunk's event written once with a marker for its text, then filled per token: the same bytes as writing
     * the whole chunk, without serializing it for every token.
     */
    static final class ChunkTemplate {

        static final String MARK = "\u0000chunk-text\u0000";
        private static final String QUOTED_MARK = "\"\\u0000chunk-text\\u0000\"";

        private final String before;
        private final String after;

        ChunkTemplate(String event) {
            int at = event.indexOf(QUOTED_MARK);
            if (at < 0) {
                throw new IllegalStateException("the chunk template lost its marker");
            }
            before = event.substring(0, at);
            after = event.substring(at + QUOTED_MARK.length());
        }

        String with(String text) {
            return before + '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"' + after;
        }
    }

    /** A piece of streamed text; {@code first} on the first one (the chat chunk that carries the role). */
    record DeltaText(String text, boolean first) {
    }

    /** How one dialect object shapes a text chunk, the finishing chunk and the usage chunk. */
    record ChunkShapes<T>(Function<DeltaText, T> text, Function<String, T> finish, Function<UsageView, T> usage) {
    }

    /** The server-sent events of one generation: chunks, the finish, usage when asked, {@code [DONE]}. */
    private final class EventStream implements StreamBody {

        private final String requestId;
        private final Deployment deployment;
        private final GenerateRequest generate;
        private final boolean includeUsage;
        private final Gate gate;
        private final ChunkShapes<?> shapes;

        EventStream(String requestId, Deployment deployment, GenerateRequest generate, boolean includeUsage,
                    Gate gate, ChunkShapes<?> shapes) {
            this.requestId = requestId;
            this.deployment = deployment;
            this.generate = generate;
            this.includeUsage = includeUsage;
            this.gate = gate;
            this.shapes = shapes;
        }

        @Override
        public String contentType() {
            return "text/event-stream; charset=utf-8";
        }

        @Override
        public void writeTo(ChunkSink sink) {
            boolean[] first = {true};
            ChunkTemplate[] template = {null};
            try {
                GenerateResult result = gate.through(deployment, () -> generation.stream(deployment, generate,
                        TextSink.of(text -> {
                            if (first[0]) {
                                // the first chunk leaves at once; the template for the rest is made after it
                                sink.write(event(shapes.text().apply(new DeltaText(text, true))));
                                first[0] = false;
                                template[0] = new ChunkTemplate(event(shapes.text().apply(
                                        new DeltaText(ChunkTemplate.MARK, false))));
                            } else {
                                sink.buffer(template[0].with(text));
                            }
                        }, sink::flush)));
                if (first[0]) {
                    sink.write(event(shapes.text().apply(new DeltaText("", true))));
                }
                sink.write(event(shapes.finish().apply(result.finishReason())));
                if (includeUsage) {
                    sink.write(event(shapes.usage().apply(UsageView.of(result.usage()))));
                }
                sink.write("data: [DONE]\n\n");
            } catch (StreamBody.ClientGoneException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!sink.started()) {
                    throw e;
                }
                // the error event carries the service's message only: never model text
                sink.write(event(new OpenAiViews.StreamError(
                        OpenAiErrorFormat.detail(ErrorResponses.describe(e, requestId)))));
            }
        }

        private String event(Object chunk) {
            try {
                return "data: " + json.writeValueAsString(chunk) + "\n\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a stream chunk", e);
            }
        }
    }
}
