package com.securemodel.core.batch;

import java.util.Locale;

/** The statuses of an OpenAI batch, as its API writes them. */
public enum BatchStatus {
    VALIDATING, IN_PROGRESS, FINALIZING, COMPLETED, FAILED, CANCELLING, CANCELLED, EXPIRED;

    /** @return the API's word, for example {@code in_progress} */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether nothing more happens to a batch in this status */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }
}
