package com.securemodel.core.tenant;

/**
 * The caller of an authenticated request: its client, and the non-secret id of the API key it used (for the audit
 * trail).
 */
public record AuthenticatedKey(ClientId clientId, String keyId) {
}
