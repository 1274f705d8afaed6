package com.securemodel.core.audit;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.List;

/**
 * Port: the audit trail, append-only. There is no update and no delete: records leave only when their retention
 * (a TTL) has passed.
 */
public interface AuditStore {

    /**
     * Appends each record (a record appended twice, same client, time and request id, is stored once).
     *
     * @return the records that could not be written (to be tried again), empty when all were
     */
    List<CallRecord> append(List<CallRecord> records);

    /**
     * One page of a client's records with {@code from <= time < to}, in time order ({@code ascending}) or newest
     * first, of at most {@code limit}, starting after {@code after} (a {@link AuditPage#last()} of an earlier page).
     */
    AuditPage list(ClientId clientId, Instant from, Instant to, boolean ascending, int limit, String after);

    /** @param last the position after the last record, to continue from; null when there is nothing more */
    record AuditPage(List<CallRecord> records, String last) {
    }
}
