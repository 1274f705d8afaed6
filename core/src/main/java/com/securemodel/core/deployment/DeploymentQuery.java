package com.securemodel.core.deployment;

import java.util.Map;

/**
 * Filters and pagination of {@code GET /v1/deployments}; null filters match everything.
 *
 * @param limit 1-100 (the HTTP layer defaults it to 20)
 * @param offset 0 or more
 */
public record DeploymentQuery(DeploymentStatus status, String modelName, String region, Map<String, String> tags,
                              int limit, int offset) {

    public DeploymentQuery {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
