package com.securemodel.core.deployment;

import java.time.Instant;

/**
 * What the logs API asks of a deployment's log: lines with {@code from <= timestamp < to}, optionally only of one
 * level, component or request id, oldest first ({@code ascending}) or newest first, at most {@code limit} per page.
 */
public record LogQuery(Instant from, Instant to, String level, String component, String requestId,
                       boolean ascending, int limit) {

    /** @return whether a line passes the filters (not the range) */
    public boolean matches(LogEntry entry) {
        return (level == null || level.equals(entry.level()))
                && (component == null || component.equals(entry.component()))
                && (requestId == null || requestId.equals(entry.requestId()));
    }

    /** One page of lines; {@code last} is where the next page starts after, null when there is no more. */
    public record Page(java.util.List<LogEntry> entries, String last) {
    }
}
