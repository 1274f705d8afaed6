package com.securemodel.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.bench.ChatStreamTimer.StreamTiming;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.generation.ChatMessage;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.llm.TinyModelGenerator;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;

/**
 * Time to first token (TTFT) and tokens/s of a streamed chat completion through the service ({@code POST
 * /v1/chat/completions} with {@code "stream": true}, the whole service in local mode, in-process) against the same
 * stream called directly on the SageMaker emulator ({@code InvokeEndpointWithResponseStream} with the Messages API
 * body the service sends its container), on the tiny model, greedy, {@code max_tokens} 256. Both sides must stream
 * the same text, or the run fails. Targets: at most +5 ms TTFT at p50; tokens/s service/direct >= 0.95.
 *
 * <p>TTFT runs from sending the request to the arrival of the first chunk with content; tokens/s is the completion
 * tokens over the time from the first to the last chunk with content. Runs are interleaved (the order alternates)
 * after warm-up pairs (the service's first stream creates its async SageMaker client). Arguments:
 * {@code iterations=N} (per side), {@code warmup=N} (pairs), {@code maxTokens=N}, {@code breakdown=N} (rounds of
 * {@link StreamingBreakdown}, which times the layers inside the service; 0, the default, skips it).
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpointWithResponseStream.html">InvokeEndpointWithResponseStream</a>
 */
public final class StreamingLatencyBenchmark {

    private static final String SYSTEM = "You are a careful clinical assistant.";
    private static final String USER = "The patient presents with a persistent cough and a low fever. What next?";

    private StreamingLatencyBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // llama.cpp leaves a native thread that keeps the JVM alive
    }

    private static void run(String[] args) throws Exception {
        int iterations = Integer.parseInt(Stats.arg(args, "iterations", "100"));
        int warmup = Integer.parseInt(Stats.arg(args, "warmup", "10"));
        int maxTokens = Integer.parseInt(Stats.arg(args, "maxTokens", "256"));
        int breakdown = Integer.parseInt(Stats.arg(args, "breakdown", "0"));
        try (ConfigurableApplicationContext context = LocalApi.startService()) {
            LocalApi api = LocalApi.of(context);
            String id = api.createRunningDeployment();
            String endpoint = context.getBean(DeploymentService.class).get(new ClientId(LocalApi.CLIENT), id)
                    .hosting().endpointName();
            URI emulator = context.getBean(LocalCloud.class).sageMakerEndpoint();
            ObjectNode containerBody = containerBody(maxTokens);
            ObjectNode serviceBody = SageMakerClients.JSON.createObjectNode().put("model", id);
            serviceBody.setAll(containerBody);
            try (SageMakerRuntimeAsyncClient runtime = SageMakerClients.runtimeAsync(emulator)) {
                Direct direct = new Direct(runtime, endpoint, containerBody.toString());
                Service service = new Service(api, serviceBody.toString());
                StreamTiming reference = direct.call();
                printParameters(id, endpoint, containerBody, iterations, warmup, reference);
                for (int i = 0; i < warmup; i++) {
                    requireSame(reference, direct.call(), "direct (warm-up)");
                    requireSame(reference, service.call(), "service (warm-up)");
                }
                StreamTiming[] directRuns = new StreamTiming[iterations];
                StreamTiming[] serviceRuns = new StreamTiming[iterations];
                for (int i = 0; i < iterations; i++) {
                    if (i % 2 == 0) {
                        directRuns[i] = requireSame(reference, direct.call(), "direct");
                        serviceRuns[i] = requireSame(reference, service.call(), "service");
                    } else {
                        serviceRuns[i] = requireSame(reference, service.call(), "service");
                        directRuns[i] = requireSame(reference, direct.call(), "direct");
                    }
                }
                report(directRuns, serviceRuns);
                if (breakdown > 0) {
                    new StreamingBreakdown(context, id, endpoint, List.of(new ChatMessage("system", SYSTEM),
                            new ChatMessage("user", USER)), maxTokens, serviceBody.toString())
                            .run(breakdown, reference.text(), direct::call, service::call);
                }
            }
        }
    }

    /**
     * What the service sends its container for this chat (TgiJson's Messages API body): messages, {@code max_tokens},
     * {@code temperature} 0 (greedy), {@code stream}, {@code stream_options.include_usage}.
     */
    private static ObjectNode containerBody(int maxTokens) {
        ObjectNode body = SageMakerClients.JSON.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", USER);
        body.put("max_tokens", maxTokens).put("temperature", 0.0).put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return body;
    }

    private static StreamTiming requireSame(StreamTiming reference, StreamTiming run, String side) {
        if (!reference.text().equals(run.text()) || reference.completionTokens() != run.completionTokens()) {
            throw new IllegalStateException("TEXT MISMATCH: the " + side + " stream produced other text ("
                    + run.text().length() + " chars, " + run.completionTokens() + " tokens) than the reference "
                    + "direct stream (" + reference.text().length() + " chars, " + reference.completionTokens()
                    + " tokens), so TTFT and tokens/s are not comparable");
        }
        return run;
    }

    private static void printParameters(String id, String endpoint, ObjectNode containerBody, int iterations,
                                        int warmup, StreamTiming reference) {
        System.out.printf(Locale.ROOT, "streamed chat: service POST /v1/chat/completions vs emulator "
                + "InvokeEndpointWithResponseStream%n");
        System.out.printf(Locale.ROOT, "model %s, deployment %s, endpoint %s, %d cores, Java %s%n",
                TinyModelGenerator.MODEL_ID, id, endpoint, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        System.out.printf(Locale.ROOT, "container body (direct; the service gets it plus \"model\"): %s%n",
                containerBody);
        System.out.printf(Locale.ROOT, "each stream: %d completion tokens in %d content chunks, %d chars, same text "
                + "on both sides (checked on every run)%n", reference.completionTokens(), reference.contentChunks(),
                reference.text().length());
        System.out.printf(Locale.ROOT, "%d runs per side, interleaved (order alternates), after %d warm-up pairs; one "
                + "client, sequential%n", iterations, warmup);
        System.out.printf(Locale.ROOT, "TTFT: request sent -> first chunk with content arrives. tokens/s: completion "
                + "tokens / (last content chunk - first content chunk), both sides alike%n");
    }

    private static void report(StreamTiming[] direct, StreamTiming[] service) {
        System.out.printf(Locale.ROOT, "%-40s %9s %9s %9s %9s %11s %11s%n", "", "TTFT p50", "p90", "p99", "min",
                "tok/s p50", "call p50");
        row("direct InvokeEndpointWithResponseStream", direct);
        row("service /v1/chat/completions", service);
        double added = quantile(service, StreamTiming::ttftMs, 0.5) - quantile(direct, StreamTiming::ttftMs, 0.5);
        double[] paired = new double[direct.length];
        for (int i = 0; i < paired.length; i++) {
            paired[i] = service[i].ttftMs() - direct[i].ttftMs();
        }
        double ratio = quantile(service, StreamTiming::tokensPerSecond, 0.5)
                / quantile(direct, StreamTiming::tokensPerSecond, 0.5);
        System.out.printf(Locale.ROOT, "added TTFT at p50: %+.2f ms (median of paired differences %+.2f ms, p90 "
                + "%+.2f ms, p99 %+.2f ms)%n", added, Stats.median(paired), Stats.quantile(paired, 0.9),
                quantile(service, StreamTiming::ttftMs, 0.99) - quantile(direct, StreamTiming::ttftMs, 0.99));
        System.out.printf(Locale.ROOT, "tokens/s ratio service/direct (medians): %.3f%n", ratio);
        System.out.printf(Locale.ROOT, "verdict: added TTFT p50 %+.2f ms, target <= +5 ms: %s%n", added,
                added <= 5 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "verdict: tokens/s ratio %.3f, target >= 0.95: %s%n", ratio,
                ratio >= 0.95 ? "met" : "NOT met");
    }

    private static void row(String name, StreamTiming[] runs) {
        System.out.printf(Locale.ROOT, "%-40s %6.2f ms %6.2f ms %6.2f ms %6.2f ms %11.1f %8.2f ms%n", name,
                quantile(runs, StreamTiming::ttftMs, 0.5), quantile(runs, StreamTiming::ttftMs, 0.9),
                quantile(runs, StreamTiming::ttftMs, 0.99), quantile(runs, StreamTiming::ttftMs, 0),
                quantile(runs, StreamTiming::tokensPerSecond, 0.5), quantile(runs, StreamTiming::totalMs, 0.5));
    }

    private static double quantile(StreamTiming[] runs, ToDoubleFunction<StreamTiming> value, double q) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = value.applyAsDouble(runs[i]);
        }
        return Stats.quantile(values, q);
    }

    /** {@code InvokeEndpointWithResponseStream} on the emulator; each PayloadPart is timed as it arrives. */
    private record Direct(SageMakerRuntimeAsyncClient runtime, String endpoint, SdkBytes body) {

        Direct(SageMakerRuntimeAsyncClient runtime, String endpoint, String body) {
            this(runtime, endpoint, SdkBytes.fromUtf8String(body));
        }

        StreamTiming call() {
            ChatStreamTimer timer = new ChatStreamTimer(System.nanoTime());
            var handler = InvokeEndpointWithResponseStreamResponseHandler.builder()
                    .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
                            .onPayloadPart(part -> {
                                byte[] bytes = part.bytes().asByteArrayUnsafe();
                                timer.accept(bytes, 0, bytes.length, System.nanoTime());
                            }).build())
                    .build();
            runtime.invokeEndpointWithResponseStream(r -> r.endpointName(endpoint).contentType("application/json")
                    .accept("text/event-stream").body(body), handler).join();
            return timer.finish(System.nanoTime());
        }
    }

    /**
     * The service's streamed chat, the body read as it arrives, with {@link HttpURLConnection} (as the API benchmark
     * calls the service): the JDK's {@code HttpClient}, used before, added about 2.4 ms to the first token on a 2-core
     * machine (its selector thread hands each read over), which the direct side, read by the SDK's own client, never
     * paid.
     */
    private record Service(LocalApi api, String body) {

        StreamTiming call() throws Exception {
            ChatStreamTimer timer = new ChatStreamTimer(System.nanoTime());
            HttpURLConnection connection = api.open("POST", "/v1/chat/completions", body);
            int status = connection.getResponseCode();
            if (status != 200) {
                try (InputStream error = connection.getErrorStream()) {
                    throw new IllegalStateException("service answered " + status + ": "
                            + (error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            try (InputStream in = connection.getInputStream()) {
                byte[] buffer = new byte[16384];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    timer.accept(buffer, 0, n, System.nanoTime());
                }
            }
            return timer.finish(System.nanoTime());
        }
    }
}
