package com.securemodel.core.idempotency;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * A client's claim on an {@code Idempotency-Key}: the first request that stores it creates the resource it names;
 * later requests with the same key find it.
 *
 * @param scope what the key is for, for example {@code deployments} (the same key may serve several operations)
 * @param fingerprint a hash of the request body: a later request with another body is refused
 * @param resourceId the id the first request gave (or gives, while it still runs) to what it creates
 * @param expiresAt when the key may be used for another request
 */
public record IdempotencyClaim(ClientId clientId, String scope, String key, String fingerprint, String resourceId,
                               Instant createdAt, Instant expiresAt) {
}
