package com.securemodel.core.observe;

import com.securemodel.core.audit.AuditStore;
import com.securemodel.core.audit.CallRecord;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The audit trail as its client reads it: every call it made, by time range, in pages bound to the query. */
public final class AuditService {

    /** The range when no start is given. */
    public static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    private final AuditStore audit;
    private final PageTokens tokens;
    private final Clock clock;

    public AuditService(AuditStore audit, PageTokens tokens, Clock clock) {
        this.audit = audit;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A page of records and the token of the next page (null when this is the last). */
    public record AuditPage(List<CallRecord> records, String nextToken) {
    }

    /** @throws ServiceException validation_error (range, limit, order or token) */
    public AuditPage records(ClientId clientId, Instant start, Instant end, Integer limit, String order,
                             String nextToken) {
        int size = limit == null ? LogService.DEFAULT_LIMIT : limit;
        if (size < 1 || size > LogService.MAX_LIMIT) {
            throw ServiceException.validation("limit must be an integer from 1 to " + LogService.MAX_LIMIT);
        }
        boolean ascending = LogService.ascending(order);
        String bound = String.join("\n", "audit", String.valueOf(start), String.valueOf(end),
                ascending ? "asc" : "desc");
        PageTokens.Cursor cursor = tokens.cursor(clientId, bound, nextToken, start, end, clock.instant(),
                DEFAULT_RANGE);
        if (!cursor.from().isBefore(cursor.to())) {
            throw ServiceException.validation("start_time must be before end_time");
        }
        AuditStore.AuditPage page = audit.list(clientId, cursor.from(), cursor.to(), ascending, size, cursor.after());
        return new AuditPage(page.records(), page.last() == null ? null
                : cursor.next(tokens, clientId, bound, page.last()));
    }
}
