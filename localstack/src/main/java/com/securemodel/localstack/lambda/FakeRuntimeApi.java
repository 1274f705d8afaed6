package com.securemodel.localstack.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fake of the Lambda Runtime API on loopback, enough for the runtime interface client to run a function: it hands
 * out queued events at {@code GET /2018-06-01/runtime/invocation/next} with the headers the client reads, and
 * records what comes back at {@code POST .../invocation/{id}/response}, {@code .../invocation/{id}/error} and
 * {@code .../init/error}, with the time it arrived. {@code GET .../restore/next} answers at once, so a client
 * started with {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} runs its checkpoint hooks and goes on.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda Runtime API</a>
 */
public final class FakeRuntimeApi implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime";

    /** What the function answered for one invocation (or its initialization). */
    public record Outcome(String requestId, boolean error, String body, long arrivedNanos) {
    }

    private record Invocation(String requestId, byte[] event) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();
    private volatile int restores;

    private FakeRuntimeApi(HttpServer server) {
        this.server = server;
    }

    /** Starts it on a free loopback port. */
    public static FakeRuntimeApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeRuntimeApi api = new FakeRuntimeApi(server);
            server.setExecutor(api.executor);
            server.createContext(BASE + "/", api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the fake Lambda Runtime API", e);
        }
    }

    /** @return the value of {@code AWS_LAMBDA_RUNTIME_API}: {@code host:port} */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event for the next {@code invocation/next}; returns its request id. */
    public String enqueue(String event) {
        String requestId = UUID.randomUUID().toString();
        outcomes.put(requestId, new CompletableFuture<>());
        pending.add(new Invocation(requestId, event.getBytes(StandardCharsets.UTF_8)));
        return requestId;
    }

    /**
     * Waits for the answer to {@code requestId}; an initialization error ends the wait as well.
     *
     * @throws TimeoutException when neither came within {@code timeout}
     */
    public Outcome await(String requestId, Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return (Outcome) CompletableFuture.anyOf(outcomes.get(requestId), initError)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** @return how many times a client asked for {@code restore/next} (after its checkpoint hooks) */
    public int restores() {
        return restores;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            byte[] body = readAll(exchange.getRequestBody());
            long arrived = System.nanoTime();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/invocation/next")) {
                next(exchange);
            } else if (method.equals("GET") && path.equals("/restore/next")) {
                restores++;
                reply(exchange, 200, new byte[0]);
            } else if (method.equals("POST") && path.equals("/init/error")) {
                initError.complete(new Outcome(null, true, new String(body, StandardCharsets.UTF_8), arrived));
                reply(exchange, 202, new byte[0]);
            } else if (method.equals("POST") && path.startsWith("/invocation/")) {
                answer(exchange, path, body, arrived);
            } else {
                reply(exchange, 404, new byte[0]);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:httpApi:live");
        headers.set("Lambda-Runtime-Trace-Id",
                "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
        reply(exchange, 200, invocation.event());
    }

    private void answer(HttpExchange exchange, String path, byte[] body, long arrived) throws IOException {
        String[] parts = path.split("/");
        CompletableFuture<Outcome> outcome = parts.length == 4 ? outcomes.get(parts[2]) : null;
        if (outcome == null || !(parts[3].equals("response") || parts[3].equals("error"))) {
            reply(exchange, 404, new byte[0]);
            return;
        }
        outcome.complete(new Outcome(parts[2], parts[3].equals("error"), new String(body, StandardCharsets.UTF_8),
                arrived));
        reply(exchange, 202, new byte[0]);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
