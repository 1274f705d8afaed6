package com.securemodel.core.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** A billing period: a calendar month in UTC, from its first instant (inclusive) to the next month's (exclusive). */
public record BillingPeriod(Instant start, Instant end) {

    /** @return the period holding {@code at} */
    public static BillingPeriod of(Instant at) {
        YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
        return new BillingPeriod(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** @return the month as {@code 2026-12}, the key of its usage item */
    public String key() {
        return YearMonth.from(start.atOffset(ZoneOffset.UTC)).toString();
    }
}
