package com.securemodel.core.webhook;

import java.util.Locale;

/** Where one event's delivery to one webhook stands. */
public enum DeliveryStatus {
    /** queued, or waiting for its next attempt */
    PENDING,
    /** the receiver answered 2xx */
    DELIVERED,
    /** every attempt failed; the message went to the dead-letter queue (a redelivery starts again) */
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the status of a stored word, or null */
    public static DeliveryStatus fromWire(String word) {
        for (DeliveryStatus status : values()) {
            if (status.wire().equals(word)) {
                return status;
            }
        }
        return null;
    }
}
