package com.securemodel.functions.http.bytez.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.bytez.BytezService;
import com.securemodel.core.generation.GenerateRequest;
import com.securemodel.core.generation.GenerateResult;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.model.ModelBenchmarker;
import java.time.Duration;
import com.securemodel.functions.http.error.ErrorResponses;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import com.securemodel.functions.http.routing.StreamBody;
import java.util.Map;

/**
 * {@code POST /model/run}: {@code {"output": ...}}, or with {@code stream: true} the text as plain chunks
 * ({@code text/plain}, no SSE framing) as the container produces it. Like Hugging Face's text-generation pipeline,
 * the output of a string input begins with the input; a chat's output is the assistant's message. Each run counts
 * one inference and resets the instance's expiry.
 */
public final class RunHandler {

    private final BytezService bytez;
    private final GenerationService generation;
    private final ObjectMapper json;

    private final ModelBenchmarker benchmarker;

    public RunHandler(BytezService bytez, GenerationService generation, ModelBenchmarker benchmarker,
                      ObjectMapper json) {
        this.benchmarker = benchmarker;
        this.bytez = bytez;
        this.generation = generation;
        this.json = json;
    }

    public ApiResponse run(ApiRequest request) {
        BytezBodies.RunBody body = RequestBodies.read(json, request, BytezBodies.RunBody.class);
        GenerateRequest generate = RunParams.toRequest(body);
        BytezService.RunTarget target = bytez.runTarget(request.clientId(), body.model());
        generation.check(target.deployment(), generate);
        bytez.recordRun(target.instance());
        if (!Boolean.TRUE.equals(body.stream())) {
            long started = System.nanoTime();
            GenerateResult result = generation.complete(target.deployment(), generate);
            benchmarker.afterRun(target.deployment(), result, Duration.ofNanos(System.nanoTime() - started));
            Object output = generate.chat() ? Map.of("role", "assistant", "content", result.completion())
                    : generate.prompt() + result.completion();
            return ApiResponse.ok(Map.of("output", output));
        }
        return ApiResponse.streamed(new TextStream(request.requestId(), target, generate));
    }

    /** The generated text as it comes; after the first chunk, a failure ends the body with an error line. */
    private final class TextStream implements StreamBody {

        private final String requestId;
        private final BytezService.RunTarget target;
        private final GenerateRequest generate;

        TextStream(String requestId, BytezService.RunTarget target, GenerateRequest generate) {
            this.requestId = requestId;
            this.target = target;
            this.generate = generate;
        }

        @Override
        public String contentType() {
            return "text/plain; charset=utf-8";
        }

        @Override
        public void writeTo(ChunkSink sink) {
            String[] echo = {generate.chat() ? "" : generate.prompt()};
            try {
                long started = System.nanoTime();
                GenerateResult result = generation.stream(target.deployment(), generate, text -> {
                    sink.write(echo[0] + text);
                    echo[0] = "";
                });
                benchmarker.afterRun(target.deployment(), result, Duration.ofNanos(System.nanoTime() - started));
                if (!echo[0].isEmpty()) {
                    sink.write(echo[0]);
                }
            } catch (StreamBody.ClientGoneException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!sink.started()) {
                    throw e;
                }
                sink.write("\n" + errorLine(ErrorResponses.describe(e, requestId).message()));
            }
        }

        private String errorLine(String message) {
            try {
                return json.writeValueAsString(Map.of("error", message));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the error line", e);
            }
        }
    }
}
