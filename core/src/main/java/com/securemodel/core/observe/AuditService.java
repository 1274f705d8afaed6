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
        Instant to = end == null ? clock.instant().plusMillis(1) : end; // absent: up to and including now
        Instant from = start == null ? to.minus(DEFAULT_RANGE) : start;
        if (!from.isBefore(to)) {
            throw ServiceException.validation("start_time must be before end_time");
        }
        int size = limit == null ? LogService.DEFAULT_LIMIT : limit;
        if (size < 1 || size > LogService.MAX_LIMIT) {
            throw ServiceException.validation("limit must be an integer from 1 to " + LogService.MAX_LIMIT);
        }
        boolean ascending = LogService.ascending(order);
        String bound = String.join("\n", "audit", from.toString(), to.toString(), ascending ? "asc" : "desc");
        String after = nextToken == null ? null : tokens.open(clientId, bound, nextToken);
        AuditStore.AuditPage page = audit.list(clientId, from, to, ascending, size, after);
        return new AuditPage(page.records(), page.last() == null ? null
                : tokens.issue(clientId, bound, page.last()));
    }
}
