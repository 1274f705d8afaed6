package com.securemodel.core.bytez;

import java.time.Instant;

/**
 * What {@code /model/status}, {@code /model/instances} and {@code /model/delete} answer about one instance.
 *
 * @param status Bytez's word: {@code STARTING}, {@code RUNNING}, {@code UPDATING}, {@code FAILED},
 *        {@code STOPPING}, {@code STOPPED}
 * @param reason why it failed, or null
 */
public record InstanceStatus(String modelId, String status, String reason, int concurrency, long inferences,
                             long expirationPeriodSeconds, Instant expiresAt, Instant created, Instant modified,
                             String deploymentId) {
}
