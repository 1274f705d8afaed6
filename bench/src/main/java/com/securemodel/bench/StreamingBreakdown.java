package com.securemodel.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.securemodel.bench.ChatStreamTimer.StreamTiming;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.generation.ChatMessage;
import com.securemodel.core.generation.GenerateRequest;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.ModelInvoker;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.http.HttpApiFunction;
import com.securemodel.functions.http.ResponseOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where the service's milliseconds go: the same streamed chat timed at each layer of the service inside the JVM,
 * from the bottom up: the service's {@link ModelInvoker} (its async SageMaker client, SSE decoding, chunk parsing),
 * {@link GenerationService#resolve} alone (the deployment lookup in DynamoDB), resolve plus
 * {@link GenerationService#stream} (what a route calls), the authenticator, and the {@code httpApi} function itself
 * with an in-memory output (routing, authentication, JSON writing of the chunks; no Tomcat, no socket), then the
 * whole service over HTTP with a raw socket and with the benchmark's client ({@code HttpURLConnection}), beside the
 * direct call. The function's time against the raw socket's is the web server's; the raw socket's against the
 * benchmark client's is that client's.
 */
final class StreamingBreakdown {

    private final ConfigurableApplicationContext context;
    private final ModelInvoker invoker;
    private final GenerationService generation;
    private final Authenticator authenticator;
    private final HttpApiFunction httpApi;
    private final ClientId client = new ClientId(LocalApi.CLIENT);
    private final String deploymentId;
    private final String endpoint;
    private final List<ChatMessage> messages;
    private final int maxTokens;
    private final String serviceBody;

    StreamingBreakdown(ConfigurableApplicationContext service, String deploymentId, String endpoint,
                       List<ChatMessage> messages, int maxTokens, String serviceBody) {
        this.context = service;
        this.invoker = service.getBean(ModelInvoker.class);
        this.generation = service.getBean(GenerationService.class);
        this.authenticator = service.getBean(Authenticator.class);
        this.httpApi = service.getBean(HttpApiFunction.class);
        this.deploymentId = deploymentId;
        this.endpoint = endpoint;
        this.messages = messages;
        this.maxTokens = maxTokens;
        this.serviceBody = serviceBody;
    }

    /**
     * Runs every layer {@code rounds} times, round-robin (so that they share the machine's load alike), after a few
     * unrecorded rounds, and prints the medians.
     *
     * @param direct the benchmark's direct call, the baseline
     * @param service the benchmark's service call ({@code HttpURLConnection})
     */
    void run(int rounds, String referenceText, Call direct, Call service) throws IOException {
        try (RawSocketStream raw = new RawSocketStream(LocalApi.of(context).base(), "/v1/chat/completions",
                "Bearer " + LocalApi.KEY, serviceBody)) {
            run(rounds, referenceText, new Layer[] {
                new Layer("direct InvokeEndpointWithResponseStream (baseline)", direct),
                new Layer("ModelInvoker.stream (service's SDK client + SseDecoder)", this::invoker),
                new Layer("GenerationService resolve + stream", this::generation),
                new Layer("httpApi function, in-memory output (no Tomcat)", this::function),
                new Layer("Tomcat, raw socket client (no HttpClient)", raw::call),
                new Layer("Tomcat, HttpURLConnection (the benchmark's)", service),
            });
        }
    }

    private void run(int rounds, String referenceText, Layer[] layers) throws IOException {
        double[] resolve = new double[rounds];
        double[] authenticate = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            for (Layer layer : layers) {
                StreamTiming timing;
                try {
                    timing = layer.call.apply();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                if (!timing.text().equals(referenceText)) {
                    throw new IllegalStateException("TEXT MISMATCH at layer " + layer.name);
                }
                if (r >= 0) {
                    layer.runs.add(timing);
                }
            }
            long t0 = System.nanoTime();
            generation.resolve(client, deploymentId);
            long t1 = System.nanoTime();
            authenticator.authenticateKey("Bearer " + LocalApi.KEY, null, null);
            long t2 = System.nanoTime();
            if (r >= 0) {
                resolve[r] = (t1 - t0) / 1e6;
                authenticate[r] = (t2 - t1) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "--- where the time goes: each layer of the service, round-robin (%d rounds, "
                + "medians; TTFT to the first token handed on, tokens/s as above)%n", rounds);
        for (Layer layer : layers) {
            double[] ttft = layer.runs.stream().mapToDouble(StreamTiming::ttftMs).toArray();
            double[] rate = layer.runs.stream().mapToDouble(StreamTiming::tokensPerSecond).toArray();
            System.out.printf(Locale.ROOT, "%-58s TTFT p50 %6.2f ms  p90 %6.2f ms  %8.1f tok/s%n", layer.name,
                    Stats.median(ttft), Stats.quantile(ttft, 0.9), Stats.median(rate));
        }
        System.out.printf(Locale.ROOT, "%-58s %6.2f ms (p90 %.2f ms)%n", "GenerationService.resolve alone (DynamoDB)",
                Stats.median(resolve), Stats.quantile(resolve, 0.9));
        System.out.printf(Locale.ROOT, "%-58s %6.2f ms (p90 %.2f ms)%n", "Authenticator.authenticateKey alone",
                Stats.median(authenticate), Stats.quantile(authenticate, 0.9));
    }

    private StreamTiming invoker() {
        TokenClock clock = new TokenClock(System.nanoTime());
        invoker.stream(endpoint, new InvocationRequest(null, messages, maxTokens, 0.0, null, null, null, null, null,
                null, null), clock);
        return clock.timing();
    }

    private StreamTiming generation() {
        TokenClock clock = new TokenClock(System.nanoTime());
        Deployment deployment = generation.resolve(client, deploymentId);
        generation.stream(deployment, new GenerateRequest(null, messages, maxTokens, 0.0, null, null, null, null,
                null, null, null), clock);
        return clock.timing();
    }

    /** The function's output keeps each chunk with its time; the chunks are read after the call. */
    private StreamTiming function() {
        List<String> chunks = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long sent = System.nanoTime();
        httpApi.serve(event(), new ResponseOutput() {
            @Override
            public void head(int status, Map<String, String> headers) {
                if (status != 200) {
                    throw new IllegalStateException("httpApi answered " + status);
                }
            }

            @Override
            public void write(String chunk) {
                times.add(System.nanoTime());
                chunks.add(chunk);
            }
        });
        ChatStreamTimer timer = new ChatStreamTimer(sent);
        for (int i = 0; i < chunks.size(); i++) {
            byte[] bytes = chunks.get(i).getBytes(StandardCharsets.UTF_8);
            timer.accept(bytes, 0, bytes.length, times.get(i));
        }
        return timer.finish(System.nanoTime());
    }

    private APIGatewayV2HTTPEvent event() {
        return LocalApi.postEvent("/v1/chat/completions", serviceBody, Map.of());
    }

    private record Layer(String name, Call call, List<StreamTiming> runs) {
        Layer(String name, Call call) {
            this(name, call, new ArrayList<>());
        }
    }

    /** One streamed chat, timed. */
    @FunctionalInterface
    interface Call {
        StreamTiming apply() throws Exception;
    }

    /** Times the tokens a layer hands on: the first, the last, how many, and their text. */
    private static final class TokenClock implements Consumer<String> {

        private final long sent;
        private final StringBuilder text = new StringBuilder();
        private long first = -1;
        private long last;
        private int tokens;

        TokenClock(long sent) {
            this.sent = sent;
        }

        @Override
        public void accept(String token) {
            long now = System.nanoTime();
            if (first < 0) {
                first = now;
            }
            last = now;
            tokens++;
            text.append(token);
        }

        StreamTiming timing() {
            return new StreamTiming(text.toString(), tokens, tokens, (first - sent) / 1e6, (last - first) / 1e6,
                    (System.nanoTime() - sent) / 1e6);
        }
    }
}
