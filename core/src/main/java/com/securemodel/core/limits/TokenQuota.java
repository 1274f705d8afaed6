package com.securemodel.core.limits;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.BillingPeriod;
import com.securemodel.core.usage.PeriodUsageStore;
import com.securemodel.core.usage.UsageRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token quota of a client's billing period, checked before each generation (before any SageMaker call), in
 * every dialect.
 *
 * <p>What a client has used is read from its period item (every instance adds to it when it flushes its usage) at
 * most once per {@code readTtl} per client and instance, plus what this instance recorded since that read. No
 * DynamoDB read or write on most requests. The price, a bounded overshoot: a generation is admitted while the known
 * total is under the limit, so the period can end above it by (a) what other instances recorded but had not flushed
 * yet (their flush interval, 5 s) or flushed after this instance's read (the read TTL, 5 s) and (b) the tokens of
 * generations already admitted and still running. The README states it in numbers.
 */
public final class TokenQuota {

    public static final Duration DEFAULT_READ_TTL = Duration.ofSeconds(5);
    private static final int MAX_REMEMBERED = 10_000;

    /** What was read: the period, the stored total plus this instance's unflushed tokens then, and its own count. */
    private record Snapshot(Instant periodStart, long base, long recordedAtRead, Instant until) {
    }

    private final TierResolver tiers;
    private final PeriodUsageStore store;
    private final UsageRecorder usage;
    private final Clock clock;
    private final Duration readTtl;
    private final Map<ClientId, Snapshot> snapshots = new ConcurrentHashMap<>();

    public TokenQuota(TierResolver tiers, PeriodUsageStore store, UsageRecorder usage, Clock clock, Duration readTtl) {
        this.tiers = tiers;
        this.store = store;
        this.usage = usage;
        this.clock = clock;
        this.readTtl = readTtl;
    }

    /**
     * @throws ServiceException quota_exceeded when the client's period has no tokens left
     */
    public void check(ClientId clientId) {
        Tier tier = tiers.tierOf(clientId);
        if (tier.tokensPerPeriod() == Long.MAX_VALUE) {
            return;
        }
        BillingPeriod period = BillingPeriod.of(clock.instant());
        long used = used(clientId, period, false);
        if (used >= tier.tokensPerPeriod()) {
            throw new ServiceException(ErrorCode.QUOTA_EXCEEDED, "This client has used " + used + " of the "
                    + tier.tokensPerPeriod() + " tokens of its '" + tier.name() + "' tier for the period ending "
                    + period.end() + "; generation resumes then, or ask for a higher tier (GET /v1/subscription"
                    + " shows the usage)");
        }
    }

    /**
     * @param fresh read the stored total now (the subscription route) instead of within the read TTL
     * @return the client's tokens in {@code period}, every instance's flushed usage plus this instance's
     */
    public long used(ClientId clientId, BillingPeriod period, boolean fresh) {
        Instant now = clock.instant();
        Snapshot known = snapshots.get(clientId);
        if (fresh || known == null || !known.periodStart().equals(period.start()) || !now.isBefore(known.until())) {
            long recorded = usage.recordedTokens(clientId, period.start());
            long pending = usage.pendingTokens(clientId, period.start());
            long stored = store.tokens(clientId, period.start());
            known = new Snapshot(period.start(), stored + pending, recorded, now.plus(readTtl));
            if (snapshots.size() >= MAX_REMEMBERED) {
                snapshots.clear();
            }
            snapshots.put(clientId, known);
        }
        return known.base() + usage.recordedTokens(clientId, period.start()) - known.recordedAtRead();
    }
}
