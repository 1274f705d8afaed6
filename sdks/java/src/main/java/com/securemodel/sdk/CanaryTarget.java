package com.securemodel.sdk;

/** One deployment of a canary endpoint and its share of the traffic (0-100). */
public record CanaryTarget(
        String id,
        int trafficPercentage) {
}
