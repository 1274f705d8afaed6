package com.securemodel.localstack.sagemaker.internal;

import com.securemodel.localstack.llm.Generation;
import com.securemodel.localstack.llm.TextGenerator;
import com.securemodel.localstack.llm.TokenListener;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SageMaker runtime: {@code POST /endpoints/{name}/invocations} ({@code InvokeEndpoint}) and
 * {@code POST /endpoints/{name}/invocations-response-stream} ({@code InvokeEndpointWithResponseStream}), with a
 * TGI container behind every endpoint. An endpoint that is not in service answers like an unknown one; while it is
 * {@code Updating}, its old instances serve.
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">InvokeEndpoint</a>
 */
final class RuntimeHandler {

    static final String CONTENT_TYPE = "application/json";
    static final String INVOKED_VARIANT = "X-Amzn-Invoked-Production-Variant";
    private static final Pattern PATH = Pattern.compile("^/endpoints/([^/]+)/(invocations|invocations-response-stream)$");
    private static final int MAX_REROUTES = 3;

    private final ResourceStore store;

    RuntimeHandler(ResourceStore store) {
        this.store = store;
    }

    static boolean matches(String path) {
        return path.startsWith("/endpoints/");
    }

    void handle(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches() || !"POST".equals(exchange.getRequestMethod())) {
            HttpIo.sendError(exchange, AwsErrorException.runtime(404, "UnknownOperationException",
                    Json.object().put("message", "Use POST /endpoints/{name}/invocations or"
                            + " /endpoints/{name}/invocations-response-stream")), CONTENT_TYPE);
            return;
        }
        String name = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        boolean streaming = path.group(2).endsWith("stream");
        try {
            byte[] body = HttpIo.readBody(exchange);
            requireServing(name);
            TgiRequest request = TgiRequest.parse(body);
            String target = exchange.getRequestHeaders().getFirst("X-Amzn-SageMaker-Target-Variant");
            onFreeInstance(name, target, (pool, generator) -> {
                if (streaming) {
                    stream(exchange, request, pool, generator);
                } else {
                    respond(exchange, request, pool, generator);
                }
                return null;
            });
        } catch (AwsErrorException e) {
            HttpIo.sendError(exchange, e, CONTENT_TYPE);
        } catch (ContainerRejection e) {
            HttpIo.sendError(exchange, RuntimeErrors.modelError(name, Arns.region(exchange), e), CONTENT_TYPE);
        } catch (UncheckedIOException e) {
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange, TgiRequest request, InstancePool pool, TextGenerator generator) {
        List<Token> tokens = new ArrayList<>();
        Generation generation = generate(generator, request, (id, text) -> tokens.add(new Token(id, text, false)));
        byte[] body = request.chat()
                ? ChatFormat.completion(pool.modelId(), generation, store.now().getEpochSecond())
                : TgiFormat.generated(request, generation, tokens);
        exchange.getResponseHeaders().set(INVOKED_VARIANT, pool.variantName());
        try {
            HttpIo.send(exchange, 200, CONTENT_TYPE, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stream(HttpExchange exchange, TgiRequest request, InstancePool pool, TextGenerator generator) {
        EventStreamResponse response = new EventStreamResponse(exchange, pool.variantName(), "text/event-stream");
        StreamRelay relay = new StreamRelay(request, pool.modelId(), store.now().getEpochSecond(),
                response::payloadPart);
        try {
            relay.finish(generate(generator, request, relay));
        } catch (ContainerRejection e) {
            if (!response.started()) {
                throw e;
            }
            response.modelStreamError(e.tgiBody(), "StreamBroken");
        }
        response.finish();
    }

    private static Generation generate(TextGenerator generator, TgiRequest request, TokenListener listener) {
        try {
            return generator.generate(request.spec(), listener);
        } catch (IllegalArgumentException e) {
            throw new ContainerRejection(422, e.getMessage());
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContainerRejection(500, "Request failed during generation: " + e.getMessage(), "generation");
        }
    }

    private interface Work {
        Object run(InstancePool pool, TextGenerator generator);
    }

    private void onFreeInstance(String name, String targetVariant, Work work) {
        for (int attempt = 0; attempt < MAX_REROUTES; attempt++) {
            InstancePool pool = requireServing(name).pick(targetVariant);
            if (pool == null) {
                throw RuntimeErrors.validation("Endpoint " + name + " has no production variant named "
                        + targetVariant + ": set TargetVariant to one of its variants or leave it out.");
            }
            try {
                pool.serve(generator -> work.run(pool, generator));
                return;
            } catch (InstancePool.Busy e) {
                throw RuntimeErrors.throttled(name, pool);
            } catch (InstancePool.Retired e) {
                // the endpoint was updated or deleted while this request waited: look it up again
            }
        }
        throw RuntimeErrors.endpointNotFound(name);
    }

    private Deployment requireServing(String name) {
        EndpointState endpoint = store.endpoint(name);
        Deployment deployment = endpoint == null ? null : endpoint.serving();
        if (deployment == null) {
            throw RuntimeErrors.endpointNotFound(name);
        }
        return deployment;
    }
}
