package com.securemodel.core.usage;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.List;

/** Port: each client's usage per billing period, added to with atomic counters by every instance. */
public interface PeriodUsageStore {

    /**
     * Adds each item's counts to the stored ones (creating them), atomically per item.
     *
     * @return the items that could not be written (to be tried again), empty when all were
     */
    List<PeriodTotals> add(List<PeriodTotals> totals);

    /** @return the client's tokens of the period starting at {@code periodStart}, as stored (0 when none) */
    long tokens(ClientId clientId, Instant periodStart);
}
