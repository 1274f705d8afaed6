package com.securemodel.sdk;

/** A stable name and URL in front of one running deployment. */
public record Endpoint(
        String id,
        String name,
        String deploymentId,
        String url,
        String createdAt,
        String updatedAt,
        String status) {
}
