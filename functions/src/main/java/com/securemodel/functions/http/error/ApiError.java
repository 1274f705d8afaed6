package com.securemodel.functions.http.error;

import java.util.Map;

/**
 * An error as the API reports it, before a dialect gives it its shape.
 *
 * @param code the API error code, for example {@code validation_error}
 * @param message what to fix; never a library's message, a stack trace, a key, a prompt or a completion
 * @param headers extra response headers, for example {@code Allow} on a 405
 */
public record ApiError(int status, String code, String message, String requestId, Map<String, String> headers) {

    public ApiError {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
