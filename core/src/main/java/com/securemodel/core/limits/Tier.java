package com.securemodel.core.limits;

/**
 * A subscription tier: what one client may hold and spend. Tiers live in configuration
 * ({@code securemodel.tiers.<name>}); a client's tier is an item of its own (see {@link TierStore}).
 *
 * @param maxDeployments live deployments (creating, running, updating, deleting) at once
 * @param maxGpuInstances GPUs its live deployments may hold at once: each counts {@code replicas x GPUs of its
 *        instance type} (max replicas with autoscaling, min replicas without)
 * @param requestsPerMinute authenticated requests per minute, every dialect together
 * @param tokensPerPeriod prompt plus completion tokens per billing period (a calendar month, UTC)
 */
public record Tier(String name, int maxDeployments, int maxGpuInstances, int requestsPerMinute,
                   long tokensPerPeriod) {

    public Tier {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A tier needs a name");
        }
        if (maxDeployments < 0 || maxGpuInstances < 0 || requestsPerMinute < 1 || tokensPerPeriod < 0) {
            throw new IllegalArgumentException("Tier " + name + ": max-deployments, max-gpu-instances and"
                    + " tokens-per-period must be 0 or more, requests-per-minute 1 or more");
        }
    }

    /** A tier without practical limits, for tools and tests that run without configuration. */
    public static Tier unlimited(String name) {
        return new Tier(name, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    }
}
