package com.securemodel.functions.http.local;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers the servlet container's error dispatches (what Spring Boot's {@code /error} page would answer with
 * {@code {"timestamp", "status", "error", "path"}}) with the JSON error body of the dialect that owns the original
 * path.
 */
public final class ErrorDispatchHandler implements org.springframework.web.HttpRequestHandler {

    private final WebServerErrors errors;

    public ErrorDispatchHandler(WebServerErrors errors) {
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        WebServerErrors.Answer answer = errors.answer(status, uri instanceof String s ? s : null);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(answer.status());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("X-Request-ID", answer.requestId());
        answer.headers().forEach(response::setHeader);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
