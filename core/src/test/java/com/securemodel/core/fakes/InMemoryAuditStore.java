package com.securemodel.core.fakes;

import com.securemodel.core.audit.AuditStore;
import com.securemodel.core.audit.CallRecord;
import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An {@link AuditStore} in memory; positions are {@code <epoch millis, 13 digits>#<request id>}, like the table's. */
public final class InMemoryAuditStore implements AuditStore {

    private final List<CallRecord> records = new ArrayList<>();
    private boolean failing;

    @Override
    public synchronized List<CallRecord> append(List<CallRecord> batch) {
        if (failing) {
            throw new IllegalStateException("store down");
        }
        for (CallRecord record : batch) {
            records.removeIf(r -> r.clientId().equals(record.clientId()) && position(r).equals(position(record)));
            records.add(record);
        }
        return List.of();
    }

    @Override
    public synchronized AuditPage list(ClientId clientId, Instant from, Instant to, boolean ascending, int limit,
                                       String after) {
        Comparator<CallRecord> byPosition = Comparator.comparing(InMemoryAuditStore::position);
        List<CallRecord> mine = records.stream().filter(r -> r.clientId().equals(clientId))
                .filter(r -> !r.time().isBefore(from) && r.time().isBefore(to))
                .filter(r -> after == null || (ascending ? position(r).compareTo(after) > 0
                        : position(r).compareTo(after) < 0))
                .sorted(ascending ? byPosition : byPosition.reversed()).toList();
        List<CallRecord> page = mine.subList(0, Math.min(limit, mine.size()));
        return new AuditPage(List.copyOf(page), mine.size() > limit ? position(page.getLast()) : null);
    }

    public synchronized List<CallRecord> records() {
        return List.copyOf(records);
    }

    public synchronized void failing(boolean failing) {
        this.failing = failing;
    }

    private static String position(CallRecord r) {
        return String.format("%013d#%s", r.time().toEpochMilli(), r.requestId());
    }
}
