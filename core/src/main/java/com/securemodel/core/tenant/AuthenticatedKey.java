package com.securemodel.core.tenant;

import java.util.Set;

/**
 * The caller of an authenticated request: its client, the non-secret id of the API key it used (for the audit
 * trail) and what that key may do.
 */
public record AuthenticatedKey(ClientId clientId, String keyId, Set<Scope> scopes) {

    public AuthenticatedKey {
        scopes = Scope.copyOf(scopes);
    }

    /** A caller whose key holds every scope. */
    public AuthenticatedKey(ClientId clientId, String keyId) {
        this(clientId, keyId, null);
    }

    /**
     * @param what what the caller asked for, for the message (for example {@code POST /v1/chat/completions})
     * @throws com.securemodel.core.error.ServiceException permission_denied (403) naming the scope needed
     */
    public void require(Scope needed, String what) {
        Scope.require(scopes, needed, what);
    }
}
