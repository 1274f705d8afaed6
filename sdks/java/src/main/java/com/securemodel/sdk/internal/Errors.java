package com.securemodel.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.sdk.AuthenticationException;
import com.securemodel.sdk.RateLimitException;
import com.securemodel.sdk.ResourceException;
import com.securemodel.sdk.SecureModelException;
import com.securemodel.sdk.ServiceException;
import com.securemodel.sdk.ValidationException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Maps an error answer ({@code {"error": {"code", "message", "request_id"}}}) to its exception. */
final class Errors {

    private Errors() {
    }

    static SecureModelException toException(int status, String body, HttpHeaders headers) {
        String code = "http_" + status;
        String message = "The service answered HTTP " + status;
        String requestId = headers.firstValue("X-Request-ID").orElse(null);
        try {
            JsonNode error = Transport.JSON.readTree(body == null ? "" : body).path("error");
            if (error.isObject()) {
                code = error.path("code").asText(code);
                message = error.path("message").asText(message);
                requestId = error.path("request_id").asText(requestId);
            }
        } catch (IOException notJson) {
            // an answer from something in front of the service: keep the status
        }
        if (status == 401) {
            return new AuthenticationException(code, message, requestId, status, null);
        }
        if (status == 403) {
            return code.equals("quota_exceeded")
                    ? new RateLimitException(code, message, requestId, status, null)
                    : new AuthenticationException(code, message, requestId, status, null);
        }
        if (status == 404 || (status == 409 && code.equals("deployment_error"))) {
            return new ResourceException(code, message, requestId, status, null);
        }
        if (status == 429) {
            return new RateLimitException(code, message, requestId, status, retryAfter(headers));
        }
        if (status >= 500) {
            return new ServiceException(code, message, requestId, status, null);
        }
        return new ValidationException(code, message, requestId, status, null);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").map(String::trim).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
