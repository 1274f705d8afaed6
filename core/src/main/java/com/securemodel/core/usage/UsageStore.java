package com.securemodel.core.usage;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.List;

/** Port: usage per client, deployment and minute, added to with atomic counters. */
public interface UsageStore {

    /**
     * Adds each item's counts to the stored ones (creating them), atomically per item.
     *
     * @return the items that could not be written (to be tried again), empty when all were
     */
    List<UsageTotals> add(List<UsageTotals> totals);

    /** @return the minutes of this client's deployment from {@code from} (inclusive) to {@code to} (exclusive) */
    List<UsageTotals> find(ClientId clientId, String deploymentId, Instant from, Instant to);
}
