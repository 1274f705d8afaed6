package com.securemodel.localstack.sagemaker.internal;

import java.time.Instant;

/**
 * One endpoint's lifecycle, as {@code DescribeEndpoint} shows it: {@code Creating} → {@code InService} or
 * {@code Failed}; {@code UpdateEndpoint} moves to {@code Updating} while the old deployment keeps serving, then
 * back to {@code InService}, with a {@code FailureReason} when the new configuration could not be deployed.
 */
final class EndpointState {

    static final String CREATING = "Creating";
    static final String IN_SERVICE = "InService";
    static final String UPDATING = "Updating";
    static final String FAILED = "Failed";

    private final String name;
    private final String arn;
    private final Instant created;
    private EndpointConfigResource config;
    private EndpointConfigResource pendingConfig;
    private String status = CREATING;
    private String failureReason;
    private Instant lastModified;
    private Deployment serving;
    private boolean removed;

    EndpointState(String name, String arn, EndpointConfigResource config, Instant created) {
        this.name = name;
        this.arn = arn;
        this.config = config;
        this.created = created;
        this.lastModified = created;
    }

    /** A consistent copy of what DescribeEndpoint and ListEndpoints show. */
    record View(String name, String arn, Instant created, Instant lastModified, String status, String failureReason,
                EndpointConfigResource config, Deployment serving) {
    }

    synchronized View view() {
        return new View(name, arn, created, lastModified, status, failureReason, config, serving);
    }

    synchronized Deployment serving() {
        return serving;
    }

    synchronized void startUpdate(EndpointConfigResource newConfig, Instant now) {
        if (!status.equals(IN_SERVICE)) {
            throw AwsErrorException.validation(status.equals(FAILED)
                    ? "Cannot update failed endpoint \"" + arn + "\". Delete it and create it again."
                    : "Cannot update in-progress endpoint \"" + arn + "\".");
        }
        pendingConfig = newConfig;
        status = UPDATING;
        lastModified = now;
    }

    /** @return false when the endpoint was deleted meanwhile: the caller retires the deployment */
    synchronized boolean deployed(Deployment deployment, Instant now) {
        if (removed) {
            return false;
        }
        Deployment old = serving;
        serving = deployment;
        config = deployment.config();
        pendingConfig = null;
        status = IN_SERVICE;
        failureReason = null;
        lastModified = now;
        if (old != null) {
            old.retire();
        }
        return true;
    }

    synchronized void failed(String reason, Instant now) {
        status = serving == null ? FAILED : IN_SERVICE;
        pendingConfig = null;
        failureReason = reason;
        lastModified = now;
    }

    synchronized void remove() {
        removed = true;
        if (serving != null) {
            serving.retire();
            serving = null;
        }
    }

    synchronized EndpointConfigResource configInUse() {
        return pendingConfig != null ? pendingConfig : config;
    }
}
