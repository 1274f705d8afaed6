package com.securemodel.functions.http.routing;

import com.securemodel.core.tenant.Scope;
import java.util.List;
import java.util.Map;

/**
 * The scope a route needs when its table names none ({@link Route#scoped} overrides it), so that a route added
 * later gets a sensible one without its author doing anything:
 * <ul>
 *   <li>{@code admin}: the keys API and webhooks ({@code /v1/keys}, {@code /v1/webhooks} and under);</li>
 *   <li>{@code generate}: a {@code POST} that runs a model: PaiTIENT's {@code .../generate}, every OpenAI
 *       {@code .../completions} route and the token counter, Bytez's {@code /model/run};</li>
 *   <li>{@code read}: {@code GET} and {@code HEAD};</li>
 *   <li>{@code write}: any other method ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}).</li>
 * </ul>
 * Public routes need none.
 */
public final class RouteScopes {

    private static final List<String> ADMIN_PREFIXES = List.of("/v1/keys", "/v1/webhooks");

    /** Per dialect: path endings (after the last literal) of the routes that run a model. */
    private static final Map<String, List<String>> GENERATION = Map.of(
            "paitient", List.of("/generate"),
            "openai", List.of("/completions", "/utils/token_counter"),
            "bytez", List.of("/model/run"));

    private RouteScopes() {
    }

    /** @return the route's own scope, else the derived one; null for a public route */
    public static Scope of(String dialect, Route route) {
        if (!route.authenticated()) {
            return null;
        }
        if (route.scope() != null) {
            return route.scope();
        }
        String path = route.path().toString();
        if (ADMIN_PREFIXES.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))) {
            return Scope.ADMIN;
        }
        if (route.method().equals("GET") || route.method().equals("HEAD")) {
            return Scope.READ;
        }
        if (route.method().equals("POST")
                && GENERATION.getOrDefault(dialect, List.of()).stream().anyMatch(path::endsWith)) {
            return Scope.GENERATE;
        }
        return Scope.WRITE;
    }

    /** @return the route with its scope set (the derived one where it named none) */
    static Route resolve(String dialect, Route route) {
        Scope scope = of(dialect, route);
        return scope == null || scope == route.scope() ? route : route.scoped(scope);
    }
}
