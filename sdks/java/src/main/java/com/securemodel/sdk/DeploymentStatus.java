package com.securemodel.sdk;

/**
 * Where a deployment stands: {@code creating}, {@code running}, {@code updating}, {@code deleting}, {@code deleted} or
 * {@code failed} (with {@code statusReason}).
 */
public record DeploymentStatus(
        String id,
        String status,
        String statusReason,
        Integer currentReplicas) {
}
