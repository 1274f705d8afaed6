package com.securemodel.core.observe;

import com.securemodel.core.error.ServiceException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The metrics API's intervals between data points. */
public enum Interval {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    ONE_DAY("1d", Duration.ofDays(1));

    private final String wire;
    private final Duration length;

    Interval(String wire, Duration length) {
        this.wire = wire;
        this.length = length;
    }

    public String wire() {
        return wire;
    }

    public Duration length() {
        return length;
    }

    /** @throws ServiceException validation_error for anything but {@code 1m}, {@code 5m}, {@code 1h}, {@code 1d} */
    public static Interval fromWire(String wire) {
        return Arrays.stream(values()).filter(i -> i.wire.equals(wire)).findFirst()
                .orElseThrow(() -> ServiceException.validation("interval must be one of " + Arrays.stream(values())
                        .map(Interval::wire).collect(Collectors.joining(", "))));
    }
}
