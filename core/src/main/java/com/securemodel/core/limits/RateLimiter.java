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
 * block in memory, and leases again when the block runs low. Blocks start at 1 request per window and double with
 * each lease up to {@code limit / 20} (at most 100), so a quiet instance holds little and a busy one writes about
 * once per {@code limit / 20} requests. The sum of every lease is at most the limit, so across all instances at most
 * {@code limit} requests are admitted per window; what an instance leased but did not use is lost when the window
 * ends (at most two blocks per instance). Once the shared count is spent, an instance refuses the client's requests
 * without asking again until the window ends. If the store cannot be reached, each instance admits up to the limit
 * on its own for that window (fail open: the bound is then the limit per instance) and logs a warning.
 *
 * <p>Requests do not queue behind the store while the instance still holds budget: the request that leaves half a
 * block or less asks for the next block once its own admission is decided (it alone waits for that answer), outside
 * the client's lock, while concurrent requests go on taking from what is left. A request that finds nothing left
 * waits for its own lease or for the one under way for the same window; a lease of a window that has ended is
 * dropped when it comes back.
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
        /** What the last lease gave: the next one is asked for when half of it or less is left. */
        int lastGranted;
        int admittedAlone;
        boolean storeDown;
        /** The shared count reached the limit: refuse without asking again until the window ends. */
        boolean spent;
        /** The window a request is asking the store for a block of, or null. */
        Instant leasingFor;
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
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        if (budgets.size() >= MAX_CLIENTS) {
            budgets.values().removeIf(b -> b.window.isBefore(start));
        }
        Budget budget = budgets.computeIfAbsent(clientId, k -> new Budget());
        while (true) {
            RateDecision decision = null;
            Instant window;
            Instant reset;
            int block;
            boolean askStore;
            synchronized (budget) {
                // read on every pass: a request that waited for a lease may find the next minute begun
                Instant now = clock.instant();
                window = now.truncatedTo(ChronoUnit.MINUTES);
                if (window.isAfter(budget.window)) {
                    budget.window = window;
                    budget.left = 0;
                    budget.leasedTotal = 0;
                    budget.leases = 0;
                    budget.lastGranted = 0;
                    budget.admittedAlone = 0;
                    budget.storeDown = false;
                    budget.spent = false;
                } else {
                    window = budget.window; // never back: a thread that read the clock a moment earlier
                }
                reset = window.plus(WINDOW);
                boolean leasing = window.equals(budget.leasingFor);
                if (budget.left > 0) {
                    budget.left--;
                    long remaining = Math.max(0, limit - budget.leasedTotal) + budget.left;
                    decision = new RateDecision(limit, remaining, reset.getEpochSecond(), true, 0);
                    if (leasing || budget.spent || budget.left == 0 || budget.left > budget.lastGranted / 2) {
                        return decision;
                    }
                } else if (budget.spent) {
                    return refused(limit, now, reset);
                } else if (leasing) {
                    awaitLease(budget);
                    continue;
                }
                budget.leasingFor = window;
                block = Math.min(blockCap(limit), 1 << Math.min(budget.leases, 16));
                askStore = !budget.storeDown;
            }
            RateLimitStore.Lease lease = null;
            try {
                if (askStore) {
                    lease = ask(clientId, window, block, limit, reset);
                }
            } finally {
                synchronized (budget) {
                    if (window.equals(budget.leasingFor)) {
                        budget.leasingFor = null;
                    }
                    if (budget.window.equals(window)) {
                        apply(budget, lease, block, limit);
                    }
                    budget.notifyAll();
                }
            }
            if (decision != null) {
                return decision;
            }
        }
    }

    /** @return the store's lease, or null when it cannot be reached */
    private RateLimitStore.Lease ask(ClientId clientId, Instant window, int block, int limit, Instant reset) {
        try {
            return store.lease(clientId, window, block, limit, reset.plus(KEEP));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The rate-limit store cannot be reached ({0}): this instance"
                    + " limits client {1} alone until the window ends", e.getClass().getSimpleName(),
                    clientId.value());
            return null;
        }
    }

    /** Adds what a lease gave (null: the store is down, so a block of the instance's own) to the budget. */
    private static void apply(Budget budget, RateLimitStore.Lease lease, int block, int limit) {
        if (lease != null) {
            budget.leases++;
            budget.left += lease.granted();
            budget.lastGranted = lease.granted();
            budget.leasedTotal = lease.leasedTotal();
            budget.spent = lease.granted() == 0;
            return;
        }
        budget.storeDown = true;
        int alone = Math.max(0, Math.min(block, limit - budget.admittedAlone));
        budget.admittedAlone += alone;
        budget.left += alone;
        budget.lastGranted = alone;
        budget.leasedTotal = Math.max(budget.leasedTotal, budget.admittedAlone);
        budget.spent = alone == 0;
    }

    private static void awaitLease(Budget budget) {
        try {
            budget.wait(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a rate-limit lease", e);
        }
    }

    private static RateDecision refused(int limit, Instant now, Instant reset) {
        long retryAfter = Math.max(1, Duration.between(now, reset).toMillis() / 1000
                + (Duration.between(now, reset).toMillis() % 1000 == 0 ? 0 : 1));
        return new RateDecision(limit, 0, reset.getEpochSecond(), false, retryAfter);
    }

    /** @return the largest block one lease takes: a twentieth of the limit, 1 to 100 */
    static int blockCap(int limit) {
        return Math.max(1, Math.min(MAX_BLOCK, limit / 20));
    }
}
