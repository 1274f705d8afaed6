package com.securemodel.core.fakes;

import com.securemodel.core.deployment.DeploymentLog;
import com.securemodel.core.deployment.LogEntry;
import com.securemodel.core.deployment.LogQuery;
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

    /** Positions are {@code <epoch millis, 13 digits>#<insertion index, 9 digits>}, like the table's sort keys. */
    @Override
    public synchronized LogQuery.Page query(ClientId clientId, String deploymentId, LogQuery query, String after) {
        List<LogEntry> all = entries(clientId, deploymentId);
        List<String> positions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            positions.add(String.format("%013d#%09d", all.get(i).timestamp().toEpochMilli(), i));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(positions::get));
        if (!query.ascending()) {
            java.util.Collections.reverse(order);
        }
        List<LogEntry> page = new ArrayList<>();
        String last = null;
        for (int i : order) {
            LogEntry entry = all.get(i);
            String position = positions.get(i);
            boolean pastStart = after == null || (query.ascending() ? position.compareTo(after) > 0
                    : position.compareTo(after) < 0);
            if (pastStart && !entry.timestamp().isBefore(query.from()) && entry.timestamp().isBefore(query.to())
                    && query.matches(entry)) {
                if (page.size() == query.limit()) {
                    return new LogQuery.Page(page, last);
                }
                page.add(entry);
                last = position;
            }
        }
        return new LogQuery.Page(page, null);
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
