package com.securemodel.functions.http.paitient;

import com.securemodel.core.tenant.ApiKeyService;
import com.securemodel.functions.http.paitient.internal.KeyHandlers;
import com.securemodel.functions.http.routing.DialectRoutes;
import com.securemodel.functions.http.routing.Route;
import java.util.List;

/**
 * The keys API, in the PaiTIENT dialect (a key and {@code X-Client-ID}; PaiTIENT's JSON and error shape): list,
 * create with scopes, revoke. Every route needs the {@code admin} scope ({@code RouteScopes} derives it from the
 * {@code /v1/keys} prefix).
 */
public final class KeyRoutes extends DialectRoutes {

    /** Where every route and every path this table owns lies: the router makes it for these paths only. */
    public static final List<String> PATHS = List.of("/v1/keys");

    public KeyRoutes(ApiKeyService keys) {
        super("paitient", PaitientJson.create(), new PaitientErrorFormat(), PATHS);
        var handlers = new KeyHandlers(keys, json());
        define(List.of(
                Route.get("/v1/keys", handlers::list),
                Route.post("/v1/keys", handlers::create),
                Route.delete("/v1/keys/{key_id}", handlers::revoke)));
    }
}
