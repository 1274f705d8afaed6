package com.securemodel.core.deployment;

import java.time.Instant;

/**
 * One deployment log line (the logs API serves them). Messages never carry prompts or completions.
 *
 * @param level {@code info}, {@code warning} or {@code error}
 * @param component for example {@code deployment-service} or {@code model-service}
 */
public record LogEntry(Instant timestamp, String level, String message, String component, String requestId) {
}
