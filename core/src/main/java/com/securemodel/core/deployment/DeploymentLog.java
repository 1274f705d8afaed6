package com.securemodel.core.deployment;

import com.securemodel.core.tenant.ClientId;
import java.util.List;

/** Port: deployment log lines, kept for a limited time (TTL). */
public interface DeploymentLog {

    void append(ClientId clientId, String deploymentId, LogEntry entry);

    /** @return at most {@code limit} entries, newest first */
    List<LogEntry> list(ClientId clientId, String deploymentId, int limit);
}
