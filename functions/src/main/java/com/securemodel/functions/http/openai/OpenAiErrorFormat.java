package com.securemodel.functions.http.openai;

import com.securemodel.functions.http.error.ApiError;
import com.securemodel.functions.http.error.ErrorFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI's error body, {@code {"error": {"message", "type", "param", "code"}}}, which the OpenAI SDKs turn into
 * their exception classes by status: 401 {@code invalid_api_key}, 404 {@code model_not_found}, 400
 * {@code invalid_request_error} with the offending {@code param}, 429 {@code rate_limit_exceeded}, 5xx
 * {@code server_error}.
 */
public final class OpenAiErrorFormat implements ErrorFormat {

    /** The body. */
    public record Body(Detail error) {
    }

    /** The error object; {@code param} and {@code code} may be null. */
    public record Detail(String message, String type, String param, String code) {
    }

    /** Where the service's messages name the field at fault. */
    private static final List<Pattern> PARAM = List.of(
            Pattern.compile("^Unknown field '([^']+)'"),
            Pattern.compile("^Field '([^']+)'"),
            Pattern.compile("^([a-z_]+(?:\\[\\d+])?(?:\\.[a-z_]+)*) (?:must|may|is|are|cannot)\\b"));

    @Override
    public Object body(ApiError error) {
        return new Body(detail(error));
    }

    /** @return the error object, also written alone as the error event of a failed stream */
    public static Detail detail(ApiError error) {
        String message = error.message();
        return switch (error.status()) {
            case 401 -> new Detail(message, "invalid_request_error", null, "invalid_api_key");
            case 403 -> new Detail(message, "invalid_request_error", null, error.code());
            case 404 -> "model_not_found".equals(error.code())
                    ? new Detail(message, "invalid_request_error", "model", "model_not_found")
                    : new Detail(message, "invalid_request_error", null, "not_found");
            case 429 -> new Detail(message, "rate_limit_error", null, "rate_limit_exceeded");
            default -> error.status() >= 500
                    ? new Detail(message, "server_error", null, "server_error")
                    : new Detail(message, "invalid_request_error", param(message), error.code());
        };
    }

    private static String param(String message) {
        for (Pattern pattern : PARAM) {
            Matcher matcher = pattern.matcher(message);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }
}
