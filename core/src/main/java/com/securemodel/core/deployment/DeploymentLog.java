package com.securemodel.core.deployment;

import com.securemodel.core.tenant.ClientId;
import java.util.List;

/** Port: deployment log lines, kept for a limited time (TTL). */
public interface DeploymentLog {

    void append(ClientId clientId, String deploymentId, LogEntry entry);

    /** One line of one deployment's log, for {@link #appendAll(List)}. */
    record Line(ClientId clientId, String deploymentId, LogEntry entry) {
    }

    /**
     * Appends many lines at once (a store may write them in batches); each line is tried once.
     *
     * @return how many of them could not be written
     */
    default int appendAll(List<Line> lines) {
        int failed = 0;
        for (Line line : lines) {
            try {
                append(line.clientId(), line.deploymentId(), line.entry());
            } catch (RuntimeException e) {
                failed++;
            }
        }
        return failed;
    }

    /** @return at most {@code limit} entries, newest first */
    List<LogEntry> list(ClientId clientId, String deploymentId, int limit);

    /**
     * One page of the lines that {@code query} selects, starting after {@code after} (a {@link LogQuery.Page#last()}
     * of an earlier page of the same query, or null for the first page).
     */
    default LogQuery.Page query(ClientId clientId, String deploymentId, LogQuery query, String after) {
        throw new UnsupportedOperationException("This deployment log cannot be queried");
    }
}
