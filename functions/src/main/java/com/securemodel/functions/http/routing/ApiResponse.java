package com.securemodel.functions.http.routing;

import java.util.Map;

/**
 * What a handler answers: a status and a body object that the route table's mapper writes as JSON.
 *
 * @param headers extra response headers (Content-Type and X-Request-ID are always set)
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public ApiResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, Map.of());
    }
}
