package com.securemodel.core.bytez;

import java.time.Instant;

/**
 * The answer to {@code POST /model/job}: {@code message} is null for a job just queued (the seed's first answer
 * has none), else {@link #QUEUED}, {@link #AVAILABLE} or why it failed.
 *
 * @param firstCall true when this call queued the job
 */
public record JobReport(String modelId, boolean success, String message, Instant startTime, Instant endTime,
                        Instant modified, boolean firstCall) {

    public static final String QUEUED = "Model is already queued";
    public static final String AVAILABLE = "Model available";
}
