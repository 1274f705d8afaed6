package com.securemodel.core.fakes;

import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageStore;
import com.securemodel.core.usage.UsageTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link UsageStore} in memory that keeps every added item as it came (sums are the caller's to compute). */
public final class InMemoryUsageStore implements UsageStore {

    private final List<UsageTotals> added = new ArrayList<>();
    private boolean failing;

    @Override
    public synchronized List<UsageTotals> add(List<UsageTotals> totals) {
        if (failing) {
            throw new IllegalStateException("store down");
        }
        added.addAll(totals);
        return List.of();
    }

    @Override
    public synchronized List<UsageTotals> find(ClientId clientId, String deploymentId, Instant from, Instant to) {
        return added.stream().filter(t -> t.clientId().equals(clientId) && t.deploymentId().equals(deploymentId)
                && !t.minute().isBefore(from) && t.minute().isBefore(to)).toList();
    }

    /** Every later add throws until called with false. */
    public synchronized void failing(boolean failing) {
        this.failing = failing;
    }

    public synchronized List<UsageTotals> added() {
        return new ArrayList<>(added);
    }
}
