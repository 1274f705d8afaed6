package com.securemodel.functions.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 (a JDK {@link HttpServer}): each path answers as told (a status, a status after
 * failing the first attempts, or never) and records what it received, with the time it arrived.
 */
final class LoopbackReceiver implements AutoCloseable {

    /** One request received. */
    record Received(String path, Map<String, String> headers, String body, long nanoTime) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, BlockingQueue<Received>> received = new ConcurrentHashMap<>();

    LoopbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** {@code path} answers {@code failures} times 500, then {@code status}. */
    String answering(String path, int failures, int status) {
        AtomicInteger calls = new AtomicInteger();
        server.createContext(path, exchange -> {
            record(path, exchange);
            respond(exchange, calls.incrementAndGet() <= failures ? 500 : status);
        });
        return url(path);
    }

    /** {@code path} reads the request and never answers (until the receiver closes). */
    String silent(String path) {
        server.createContext(path, exchange -> {
            record(path, exchange);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        return url(path);
    }

    /** @return the next request to {@code path}, waiting at most {@code timeout}; null when none came */
    Received next(String path, Duration timeout) {
        try {
            return queue(path).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the requests to {@code path} received so far and not yet taken */
    List<Received> drained(String path) {
        List<Received> out = new ArrayList<>();
        queue(path).drainTo(out);
        return out;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private BlockingQueue<Received> queue(String path) {
        return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    private void record(String path, HttpExchange exchange) throws IOException {
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.getFirst()));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        queue(path).add(new Received(path, headers, body, System.nanoTime()));
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
