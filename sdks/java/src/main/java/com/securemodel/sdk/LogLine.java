package com.securemodel.sdk;

/** One line of a deployment's log. */
public record LogLine(
        String timestamp,
        String level,
        String message,
        String component,
        String requestId) {
}
