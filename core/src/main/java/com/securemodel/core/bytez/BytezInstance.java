package com.securemodel.core.bytez;

import com.securemodel.core.tenant.ClientId;
import java.time.Duration;
import java.time.Instant;

/**
 * A model a client loaded through Bytez {@code /model/load}: one deployment (in the shared state, like any other)
 * plus what Bytez adds: the expiry period, when it expires, and how many runs it served.
 *
 * @param deploymentId null between the claim and the deployment's creation
 * @param expiresAt the last run (or the load) plus the period, as last written (at most every
 *        {@link InstanceActivity#WRITE_INTERVAL}, so it may trail the truth by that much)
 * @param inferences runs served, as last written
 * @param stoppedAt when it was deleted or expired; null while active
 */
public record BytezInstance(ClientId clientId, String modelId, String deploymentId, int concurrency,
                            long expirationPeriodSeconds, Instant expiresAt, long inferences, Instant created,
                            Instant modified, Instant stoppedAt) {

    public boolean active() {
        return stoppedAt == null;
    }

    public Duration period() {
        return Duration.ofSeconds(expirationPeriodSeconds);
    }

    public BytezInstance withDeployment(String id, Instant now) {
        return new BytezInstance(clientId, modelId, id, concurrency, expirationPeriodSeconds, expiresAt, inferences,
                created, now, stoppedAt);
    }

    public BytezInstance stopped(Instant now) {
        return new BytezInstance(clientId, modelId, deploymentId, concurrency, expirationPeriodSeconds, expiresAt,
                inferences, created, now, now);
    }
}
