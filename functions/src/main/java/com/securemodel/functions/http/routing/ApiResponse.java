package com.securemodel.functions.http.routing;

import java.util.Map;

/**
 * What a handler answers: a status and either a body object that the route table's mapper writes as JSON, or a
 * stream of chunks (server-sent events, text) written as they come.
 *
 * @param headers extra response headers (Content-Type and X-Request-ID are always set)
 * @param stream null for a JSON body
 */
public record ApiResponse(int status, Object body, Map<String, String> headers, StreamBody stream) {

    public ApiResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiResponse(int status, Object body, Map<String, String> headers) {
        this(status, body, headers, null);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, Map.of());
    }

    /** A 200 whose body is written chunk by chunk. */
    public static ApiResponse streamed(StreamBody stream) {
        return new ApiResponse(200, null, Map.of(), stream);
    }
}
