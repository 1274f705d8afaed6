package com.securemodel.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.securemodel.core.generation.GenerateRequest;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.ModelInvoker;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.http.HttpApiFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where a one-token {@code generate}'s milliseconds go, one client: the same call timed at each layer of the service
 * inside the JVM, from the bottom up, round-robin so that every layer meets the machine's load alike: the direct
 * {@code InvokeEndpoint} (the baseline), the service's {@link ModelInvoker} (its SageMaker runtime client and TGI
 * JSON), {@link GenerationService#generate} (routing cache, quota, usage), the {@code httpApi} function called with
 * an API Gateway event (authentication, rate limit, routing, JSON; no web server, no socket), and the whole service
 * over HTTP. The function against the HTTP call is the web server's and the HTTP client's share.
 */
final class GenerateBreakdown {

    private final ModelInvoker invoker;
    private final GenerationService generation;
    private final HttpApiFunction httpApi;
    private final String deploymentId;
    private final String endpoint;
    private final String prompt;
    private final String body;

    GenerateBreakdown(ConfigurableApplicationContext service, String deploymentId, String endpoint, String prompt,
                      String body) {
        this.invoker = service.getBean(ModelInvoker.class);
        this.generation = service.getBean(GenerationService.class);
        this.httpApi = service.getBean(HttpApiFunction.class);
        this.deploymentId = deploymentId;
        this.endpoint = endpoint;
        this.prompt = prompt;
        this.body = body;
    }

    void run(int rounds, Runnable direct, Runnable overHttp) {
        Layer[] layers = {
            new Layer("direct InvokeEndpoint (baseline)", direct),
            new Layer("ModelInvoker.invoke (service's SDK client + TGI JSON)", () -> invoker.invoke(endpoint,
                    new InvocationRequest(prompt, null, 1, null, null, null, null, null, null, null, null))),
            new Layer("GenerationService.generate", () -> generation.generate(new ClientId(LocalApi.CLIENT),
                    deploymentId, new GenerateRequest(prompt, 1, null, null, null))),
            new Layer("httpApi function, API Gateway event (no web server)", this::function),
            new Layer("whole service over HTTP (Tomcat)", overHttp),
        };
        for (int r = -50; r < rounds; r++) {
            for (Layer layer : layers) {
                long start = System.nanoTime();
                layer.call.run();
                if (r >= 0) {
                    layer.millis.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        System.out.printf(Locale.ROOT, "--- where a generate's time goes: each layer, round-robin, 1 client (%d rounds)"
                + "%n", rounds);
        double base = Stats.median(layers[0].array());
        for (Layer layer : layers) {
            double[] ms = layer.array();
            System.out.printf(Locale.ROOT, "%-56s p50 %6.2f ms (%+5.2f)  p90 %6.2f ms  p99 %6.2f ms%n", layer.name,
                    Stats.median(ms), Stats.median(ms) - base, Stats.quantile(ms, 0.9), Stats.quantile(ms, 0.99));
        }
    }

    private void function() {
        APIGatewayV2HTTPResponse response = httpApi.apply(event());
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("httpApi answered " + response.getStatusCode() + ": "
                    + response.getBody());
        }
    }

    private APIGatewayV2HTTPEvent event() {
        return LocalApi.postEvent("/v1/deployments/" + deploymentId + "/generate", body,
                Map.of("x-client-id", LocalApi.CLIENT));
    }

    private record Layer(String name, Runnable call, List<Double> millis) {
        Layer(String name, Runnable call) {
            this(name, call, new ArrayList<>());
        }

        double[] array() {
            return millis.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
