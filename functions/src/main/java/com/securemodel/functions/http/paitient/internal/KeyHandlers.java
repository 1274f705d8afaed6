package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.tenant.ApiKeyRecord;
import com.securemodel.core.tenant.ApiKeyService;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.Scope;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code /v1/keys}: list, create and revoke the caller's client's API keys, each one call of {@link ApiKeyService}. */
public final class KeyHandlers {

    /** The body of {@code POST /v1/keys}. */
    public record CreateKeyBody(String name, List<String> scopes) {
    }

    /** A key as listed: never its secret or its hash. */
    public record KeyView(String id, String name, List<String> scopes, String createdAt, String last4) {

        static KeyView of(ApiKeyRecord key) {
            String created = key.createdAt() == null ? null
                    : key.createdAt().truncatedTo(ChronoUnit.MILLIS).toString();
            return new KeyView(key.keyId(), key.name(), Scope.wireNames(key.scopes()), created, key.hint());
        }
    }

    /** The answer of {@code POST /v1/keys}: the key itself, this once. */
    public record CreatedKeyView(String id, String name, List<String> scopes, String createdAt, String last4,
                                 String key) {

        @Override
        public String toString() {
            return "CreatedKeyView[" + id + "]";
        }
    }

    /** The answer of {@code GET /v1/keys}. */
    public record KeyListView(List<KeyView> keys) {
    }

    /** The answer of {@code DELETE /v1/keys/{key_id}}. */
    public record RevokedKeyView(String id, boolean revoked) {
    }

    private final ApiKeyService keys;
    private final ObjectMapper json;

    public KeyHandlers(ApiKeyService keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    public ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(new KeyListView(keys.list(request.clientId()).stream().map(KeyView::of).toList()));
    }

    public ApiResponse create(ApiRequest request) {
        CreateKeyBody body = RequestBodies.read(json, request, CreateKeyBody.class);
        Authenticator.IssuedKey issued = keys.create(request.clientId(), body.name(), Scope.parseAll(body.scopes()));
        KeyView view = KeyView.of(issued.key());
        return ApiResponse.created(new CreatedKeyView(view.id(), view.name(), view.scopes(), view.createdAt(),
                view.last4(), issued.apiKey()));
    }

    public ApiResponse revoke(ApiRequest request) {
        ApiKeyRecord revoked = keys.revoke(request.clientId(), request.pathParameter("key_id"));
        return ApiResponse.ok(new RevokedKeyView(revoked.keyId(), true));
    }
}
