package com.securemodel.core.usage;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * One call's usage: who, which deployment, tokens, latency and whether it failed. Never any text.
 *
 * @param latencyMillis from the call's start to its last byte
 */
public record UsageEvent(ClientId clientId, String deploymentId, int promptTokens, int completionTokens,
                         long latencyMillis, boolean failed, Instant at) {
}
