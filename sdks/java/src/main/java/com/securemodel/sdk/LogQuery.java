package com.securemodel.sdk;

import java.time.Instant;

/**
 * Which log lines {@link SecureModelClient#logs(String, LogQuery)} answers: a range (null: the 30 days kept), a
 * {@code filter} such as {@code level=error,component=api}, {@code order} {@code desc} (default) or {@code asc}, and
 * lines per page (1-1000; null: 100).
 */
public record LogQuery(Instant startTime, Instant endTime, String filter, String order, Integer pageSize) {

    public static final LogQuery ALL = new LogQuery(null, null, null, null, null);

    public LogQuery withRange(Instant start, Instant end) {
        return new LogQuery(start, end, filter, order, pageSize);
    }

    public LogQuery withFilter(String value) {
        return new LogQuery(startTime, endTime, value, order, pageSize);
    }

    public LogQuery withOrder(String value) {
        return new LogQuery(startTime, endTime, filter, value, pageSize);
    }

    public LogQuery withPageSize(int value) {
        return new LogQuery(startTime, endTime, filter, order, value);
    }
}
