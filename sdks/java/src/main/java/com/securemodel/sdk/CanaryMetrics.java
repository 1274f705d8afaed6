package com.securemodel.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A canary endpoint's deployments' metrics side by side. */
public record CanaryMetrics(
        String id,
        String name,
        String startTime,
        String endTime,
        String interval,
        List<DeploymentMetrics> deployments) {

    /** One deployment of the canary: its share and its series (as {@link Metrics#metrics()}). */
    public record DeploymentMetrics(String id, int trafficPercentage, JsonNode metrics, JsonNode summary) {
    }
}
