package com.securemodel.sdk.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API call: method, path below the base URL (segments already encoded), query parameters (a list value is sent
 * repeated), a JSON body or null, extra headers, and whether it may be sent again after a 429, a 5xx or a network
 * failure.
 */
public record Call(String method, String path, Map<String, Object> query, Object body, Map<String, String> headers,
                   boolean retryable) {

    public static Call get(String path) {
        return new Call("GET", path, new LinkedHashMap<>(), null, new LinkedHashMap<>(), true);
    }

    public static Call delete(String path) {
        return new Call("DELETE", path, new LinkedHashMap<>(), null, new LinkedHashMap<>(), true);
    }

    public static Call patch(String path, Object body) {
        return new Call("PATCH", path, new LinkedHashMap<>(), body, new LinkedHashMap<>(), true);
    }

    /** A POST that creates nothing (generate, a test delivery): sending it again is safe. */
    public static Call action(String path, Object body) {
        return new Call("POST", path, new LinkedHashMap<>(), body, new LinkedHashMap<>(), true);
    }

    /**
     * A POST that creates: sent again only when the caller gave an {@code Idempotency-Key} (the service then answers
     * the first request's result instead of creating twice).
     */
    public static Call create(String path, Object body, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return new Call("POST", path, new LinkedHashMap<>(), body, headers, idempotencyKey != null);
    }

    public Call query(String name, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            query.put(name, value);
        }
        return this;
    }

    public Call header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    /** Encodes one path segment (an id or a name), so that nothing in it changes the path. */
    public static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an id is required");
        }
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
