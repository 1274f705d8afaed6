package com.securemodel.core.fakes;

import com.securemodel.core.deployment.DeploymentLog;
import com.securemodel.core.deployment.LogEntry;
import com.securemodel.core.tenant.ClientId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DeploymentLog} in memory. */
public final class InMemoryDeploymentLog implements DeploymentLog {

    private final Map<String, List<LogEntry>> lines = new ConcurrentHashMap<>();

    @Override
    public void append(ClientId clientId, String deploymentId, LogEntry entry) {
        lines.computeIfAbsent(key(clientId, deploymentId), k -> new ArrayList<>()).add(entry);
    }

    @Override
    public synchronized List<LogEntry> list(ClientId clientId, String deploymentId, int limit) {
        List<LogEntry> newestFirst = new ArrayList<>(entries(clientId, deploymentId));
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    /** @return every line of the deployment, oldest first */
    public List<LogEntry> entries(ClientId clientId, String deploymentId) {
        return List.copyOf(lines.getOrDefault(key(clientId, deploymentId), List.of()));
    }

    /** @return the messages of the deployment, oldest first */
    public List<String> messages(ClientId clientId, String deploymentId) {
        return entries(clientId, deploymentId).stream().map(LogEntry::message).toList();
    }

    private static String key(ClientId clientId, String deploymentId) {
        return clientId.value() + "#" + deploymentId;
    }
}
