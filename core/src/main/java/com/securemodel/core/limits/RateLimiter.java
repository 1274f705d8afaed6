package com.securemodel.core.limits;

import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per minute per client, across every instance that shares the {@link RateLimitStore}.
 *
 * <p>Windows are calendar minutes (UTC). An instance does not write per request: it leases a block of the window's
 * budget with one atomic, conditional add to the shared count (never past the limit), admits requests from its
 * block in memory, and leases again when the block is spent. Blocks start at 1 request per window and double with
 * each lease up to {@code limit / 20} (at most 100), so a quiet instance holds little and a busy one writes about
 * once per {@code limit / 20} requests. The sum of every lease is at most the limit, so across all instances at most
 * {@code limit} requests are admitted per window; what an instance leased but did not use is lost when the window
 * ends (at most one block per instance). Once the shared count is spent, an instance refuses the client's requests
 * without asking again until the window ends. If the store cannot be reached, each instance admits up to the limit
 * on its own for that window (fail open: the bound is then the limit per instance) and logs a warning.
 */
public final class RateLimiter {

    public static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_BLOCK = 100;
    private static final int MAX_CLIENTS = 10_000;
    /** How long a window's shared count is kept after the window ends. */
    private static final Duration KEEP = Duration.ofHours(1);
    private static final System.Logger LOG = System.getLogger(RateLimiter.class.getName());

    /** One client's budget on this instance; guarded by itself. */
    private static final class Budget {
        Instant window = Instant.EPOCH;
        int left;
        long leasedTotal;
        int leases;
        int admittedAlone;
        boolean storeDown;
        /** The shared count reached the limit: refuse without asking again until the window ends. */
        boolean spent;
    }

    private final RateLimitStore store;
    private final TierResolver tiers;
    private final Clock clock;
    private final Map<ClientId, Budget> budgets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitStore store, TierResolver tiers, Clock clock) {
        this.store = store;
        this.tiers = tiers;
        this.clock = clock;
    }

    /** Decides one request of {@code clientId}: admitted or not, with what the headers say. */
    public RateDecision admit(ClientId clientId) {
        int limit = tiers.tierOf(clientId).requestsPerMinute();
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        Instant reset = window.plus(WINDOW);
        if (budgets.size() >= MAX_CLIENTS) {
            budgets.values().removeIf(b -> b.window.isBefore(window));
        }
        Budget budget = budgets.computeIfAbsent(clientId, k -> new Budget());
        synchronized (budget) {
            if (!budget.window.equals(window)) {
                budget.window = window;
                budget.left = 0;
                budget.leasedTotal = 0;
                budget.leases = 0;
                budget.admittedAlone = 0;
                budget.storeDown = false;
                budget.spent = false;
            }
            if (budget.left == 0 && !budget.spent) {
                lease(clientId, budget, limit, reset);
            }
            if (budget.left > 0) {
                budget.left--;
                long remaining = Math.max(0, limit - budget.leasedTotal) + budget.left;
                return new RateDecision(limit, remaining, reset.getEpochSecond(), true, 0);
            }
            long retryAfter = Math.max(1, Duration.between(now, reset).toMillis() / 1000
                    + (Duration.between(now, reset).toMillis() % 1000 == 0 ? 0 : 1));
            return new RateDecision(limit, 0, reset.getEpochSecond(), false, retryAfter);
        }
    }

    private void lease(ClientId clientId, Budget budget, int limit, Instant reset) {
        int block = Math.min(blockCap(limit), 1 << Math.min(budget.leases, 16));
        if (!budget.storeDown) {
            try {
                RateLimitStore.Lease lease = store.lease(clientId, budget.window, block, limit, reset.plus(KEEP));
                budget.leases++;
                budget.left = lease.granted();
                budget.leasedTotal = lease.leasedTotal();
                budget.spent = lease.granted() == 0;
                return;
            } catch (RuntimeException e) {
                budget.storeDown = true;
                LOG.log(System.Logger.Level.WARNING, "The rate-limit store cannot be reached ({0}): this instance"
                        + " limits client {1} alone until the window ends", e.getClass().getSimpleName(),
                        clientId.value());
            }
        }
        int alone = Math.min(block, limit - budget.admittedAlone);
        budget.admittedAlone += Math.max(0, alone);
        budget.left = Math.max(0, alone);
        budget.leasedTotal = Math.max(budget.leasedTotal, budget.admittedAlone);
    }

    /** @return the largest block one lease takes: a twentieth of the limit, 1 to 100 */
    static int blockCap(int limit) {
        return Math.max(1, Math.min(MAX_BLOCK, limit / 20));
    }
}
