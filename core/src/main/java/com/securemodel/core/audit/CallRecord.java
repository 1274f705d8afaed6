package com.securemodel.core.audit;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * One served call, for the audit trail and the deployment's request log line: who, with which key, what, when,
 * tokens and status. Never a prompt, a completion or a header.
 *
 * @param keyId the non-secret id of the API key used; null for a call that was not authenticated
 * @param deploymentId the deployment the call addressed or generated on; null when none
 * @param route the route template, for example {@code POST /v1/deployments/{deployment_id}/generate}
 * @param dialect {@code paitient}, {@code openai} or {@code bytez}
 */
public record CallRecord(ClientId clientId, String keyId, String deploymentId, String route, String dialect,
                         String requestId, Instant time, long promptTokens, long completionTokens, int status,
                         long latencyMillis) {
}
