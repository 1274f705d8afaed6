package com.securemodel.functions.http.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.functions.http.routing.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the parts of an API Gateway HTTP API (payload format 2.0) event the router needs.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">
 *     Lambda integrations for HTTP APIs: payload format 2.0</a>
 */
public final class EventRequests {

    private EventRequests() {
    }

    /** @return the request id API Gateway assigned, or null */
    public static String gatewayRequestId(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getRequestId() == null || context.getRequestId().isBlank()
                ? null : context.getRequestId();
    }

    public static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getHttp() == null || context.getHttp().getMethod() == null) {
            throw ServiceException.invalidRequest(
                    "The event has no HTTP method: expected an API Gateway HTTP API payload 2.0 event");
        }
        return context.getHttp().getMethod().toUpperCase(Locale.ROOT);
    }

    public static String rawPath(APIGatewayV2HTTPEvent event) {
        if (event.getRawPath() != null) {
            return event.getRawPath();
        }
        var context = event.getRequestContext();
        return context != null && context.getHttp() != null && context.getHttp().getPath() != null
                ? context.getHttp().getPath() : "/";
    }

    /** @return the headers by lower-case name (API Gateway already lower-cases them; the local server may not) */
    public static Map<String, String> headers(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
                }
            });
        }
        return headers;
    }

    public static QueryParameters query(APIGatewayV2HTTPEvent event) {
        return event.getRawQueryString() != null
                ? QueryParameters.parse(event.getRawQueryString())
                : QueryParameters.of(event.getQueryStringParameters());
    }

    /**
     * @return the body bytes, base64-decoded when the event says so
     * @throws ServiceException 413 invalid_request_error above {@code maxBytes}; 400 for broken base64
     */
    public static byte[] body(APIGatewayV2HTTPEvent event, int maxBytes) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            if ((long) body.length() > 4L * (maxBytes / 3 + 1) + 4) {
                throw tooLarge(maxBytes);
            }
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ServiceException.invalidRequest("The request body is marked base64 but is not valid base64");
            }
        } else {
            if (body.length() > maxBytes) {
                throw tooLarge(maxBytes);
            }
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return bytes;
    }

    /**
     * A route reads JSON unless it says otherwise ({@code multipart/form-data} for file uploads): a body labelled
     * otherwise (a form, text, XML) is refused rather than parsed anyway. A body without {@code Content-Type} is
     * read as JSON on a JSON route (some HTTP tools send none).
     *
     * @param consumes the media type the route reads
     * @throws ServiceException 415 invalid_request_error for another content type
     */
    public static void requireContentType(String consumes, String contentType) {
        boolean json = consumes.equals("application/json");
        if ((contentType == null || contentType.isBlank()) && json) {
            return;
        }
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean accepted = type.equals(consumes) || json && type.startsWith("application/") && type.endsWith("+json");
        if (!accepted) {
            throw new ServiceException(ErrorCode.INVALID_REQUEST, 415, json
                    ? "The request body must be JSON: send Content-Type: application/json"
                    : "The request body must be " + consumes + ": send Content-Type: " + consumes, null);
        }
    }

    private static ServiceException tooLarge(int maxBytes) {
        return new ServiceException(ErrorCode.INVALID_REQUEST, 413,
                "The request body is larger than the limit of " + maxBytes + " bytes", null);
    }
}
