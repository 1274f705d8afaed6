package com.securemodel.functions.http.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.securemodel.core.IdGenerator;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.functions.http.error.ApiError;
import com.securemodel.functions.http.routing.RouteTable;
import com.securemodel.functions.http.routing.Router;
import java.util.Map;

/**
 * The web server's own error answers (Tomcat's rejections of malformed requests, the servlet container's error
 * dispatches) in the JSON error shape of the dialect that owns the path, PaiTIENT's when the path is unknown or
 * could not be read. The message says only what kind of request was refused: never a header, a URI or a library's
 * text (a rejected header line may hold an API key).
 */
public final class WebServerErrors {

    /** One error answer. */
    public record Answer(int status, String requestId, String body, Map<String, String> headers) {
    }

    private final Router router;
    private final IdGenerator ids;

    public WebServerErrors(Router router, IdGenerator ids) {
        this.router = router;
        this.ids = ids;
    }

    /**
     * @param status the status the web server chose (4xx or 5xx)
     * @param rawPath the request path, or null when the request line could not be read
     */
    public Answer answer(int status, String rawPath) {
        String requestId = ids.next("req");
        RouteTable table = rawPath == null ? router.fallback() : router.tableFor(rawPath);
        ApiError error = error(status, requestId);
        String body;
        try {
            body = table.json().writeValueAsString(table.errorFormat().body(error));
        } catch (JsonProcessingException | RuntimeException e) {
            body = "{\"error\":{\"code\":\"internal_error\",\"message\":\"Internal error\",\"request_id\":\""
                    + requestId + "\"}}";
        }
        return new Answer(error.status(), requestId, body, error.headers());
    }

    private static ApiError error(int status, String requestId) {
        return switch (status) {
            case 404 -> new ApiError(404, ErrorCode.INVALID_REQUEST.wire(), "No route for this path", requestId,
                    Map.of());
            case 405 -> new ApiError(405, ErrorCode.INVALID_REQUEST.wire(), "This method is not allowed here",
                    requestId, Map.of());
            case 408 -> new ApiError(408, ErrorCode.INVALID_REQUEST.wire(), "The request was not received in time",
                    requestId, Map.of());
            case 413 -> new ApiError(413, ErrorCode.INVALID_REQUEST.wire(), "The request is too large", requestId,
                    Map.of());
            case 414, 431 -> new ApiError(status, ErrorCode.INVALID_REQUEST.wire(),
                    "The request line or its headers are too large", requestId, Map.of());
            case 501, 505 -> new ApiError(status, ErrorCode.INVALID_REQUEST.wire(),
                    "The request uses a method or HTTP version this server does not support", requestId, Map.of());
            default -> status >= 500
                    ? new ApiError(500, ErrorCode.INTERNAL.wire(), "Internal error (request id " + requestId + ")",
                            requestId, Map.of())
                    : new ApiError(status < 400 ? 400 : status, ErrorCode.INVALID_REQUEST.wire(),
                            "The request is malformed: an invalid request line, URI encoding or header",
                            requestId, Map.of());
        };
    }
}
