package com.securemodel.core.bytez;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * A Bytez job ({@code POST /model/job}): make a model available. It belongs to the client that asked.
 *
 * @param message why it failed, or null
 * @param startTime when the worker started it, or null while queued
 * @param endTime when it ended (available or failed), or null
 */
public record ModelJob(ClientId clientId, String modelId, Status status, String message, Instant startTime,
                       Instant endTime, Instant created, Instant modified) {

    /** {@code QUEUED → STARTED → AVAILABLE | FAILED}. */
    public enum Status { QUEUED, STARTED, AVAILABLE, FAILED }

    public static ModelJob queued(ClientId clientId, String modelId, Instant now) {
        return new ModelJob(clientId, modelId, Status.QUEUED, null, null, null, now, now);
    }

    public ModelJob started(Instant now) {
        return new ModelJob(clientId, modelId, Status.STARTED, null, now, null, created, now);
    }

    public ModelJob available(Instant now) {
        return new ModelJob(clientId, modelId, Status.AVAILABLE, null, startTime == null ? now : startTime, now,
                created, now);
    }

    public ModelJob failed(String reason, Instant now) {
        return new ModelJob(clientId, modelId, Status.FAILED, reason, startTime == null ? now : startTime, now,
                created, now);
    }
}
