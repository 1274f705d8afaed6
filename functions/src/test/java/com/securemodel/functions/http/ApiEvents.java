package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Loads the sample API Gateway v2 events of {@code events/apigw/}, with their {@code ${...}} placeholders filled. */
public final class ApiEvents {

    private static final Path DIR = locate();
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ApiEvents() {
    }

    /** @param placeholders name, value, name, value, ... (for example {@code "deployment_id", "dep_1"}) */
    public static APIGatewayV2HTTPEvent load(String name, String... placeholders) {
        try {
            String text = Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
            for (int i = 0; i + 1 < placeholders.length; i += 2) {
                text = text.replace("${" + placeholders[i] + "}", placeholders[i + 1]);
            }
            if (text.contains("${")) {
                throw new IllegalArgumentException(name + " has unfilled placeholders");
            }
            return JSON.readValue(text, APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the event with its credentials replaced (null removes the header) */
    public static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent event, String clientId, String apiKey) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        put(headers, "x-client-id", clientId);
        put(headers, "authorization", apiKey == null ? null : "Bearer " + apiKey);
        event.setHeaders(headers);
        return event;
    }

    /** @return the event with another body (and its content-length) */
    public static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        event.setHeaders(headers);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    /** @return the event sent to another method and path (its query string kept) */
    public static APIGatewayV2HTTPEvent at(APIGatewayV2HTTPEvent event, String method, String rawPath) {
        event.setRawPath(rawPath);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(rawPath);
        return event;
    }

    /** @return the event with a header set (null removes it) */
    public static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        put(headers, name, value);
        event.setHeaders(headers);
        return event;
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
    }

    /** @return the {@code events/apigw} directory */
    static Path dir() {
        return DIR;
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path events = dir.resolve("events/apigw");
            if (Files.isDirectory(events)) {
                return events;
            }
        }
        throw new IllegalStateException("events/apigw not found above " + Path.of("").toAbsolutePath());
    }
}
