package com.securemodel.sdk;

import java.util.List;

/** Traffic split between running deployments by weight. */
public record CanaryEndpoint(
        String id,
        String name,
        List<CanaryTarget> deployments,
        String url,
        String createdAt,
        String updatedAt,
        String status) {
}
