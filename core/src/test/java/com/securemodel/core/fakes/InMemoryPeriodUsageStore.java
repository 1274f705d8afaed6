package com.securemodel.core.fakes;

import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.PeriodTotals;
import com.securemodel.core.usage.PeriodUsageStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PeriodUsageStore} in memory: sums per client and period, as the table's {@code ADD} does. */
public final class InMemoryPeriodUsageStore implements PeriodUsageStore {

    private record Key(ClientId clientId, Instant periodStart) {
    }

    private final Map<Key, Long> tokens = new ConcurrentHashMap<>();

    @Override
    public List<PeriodTotals> add(List<PeriodTotals> totals) {
        totals.forEach(t -> tokens.merge(new Key(t.clientId(), t.periodStart()), t.tokens(), Long::sum));
        return List.of();
    }

    @Override
    public long tokens(ClientId clientId, Instant periodStart) {
        return tokens.getOrDefault(new Key(clientId, periodStart), 0L);
    }
}
