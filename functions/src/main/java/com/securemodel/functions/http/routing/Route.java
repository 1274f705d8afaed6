package com.securemodel.functions.http.routing;

import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One line of a route table: method + path template → handler.
 *
 * @param access who may call it: anyone, a key with its client id (PaiTIENT), or a key alone (Bytez, OpenAI)
 * @param claim null, or which requests this route takes when another dialect has a route for the same method and
 *        path (tested on the lower-case request headers); for example PaiTIENT's {@code GET /v1/models} takes the
 *        requests that carry {@code X-Client-ID}
 */
public record Route(String method, PathTemplate path, RouteHandler handler, Access access,
                    Predicate<Map<String, String>> claim) {

    /** Who may call a route. */
    public enum Access {
        /** no credentials (health) */
        PUBLIC,
        /** {@code Authorization: Bearer <key>} and {@code X-Client-ID} (PaiTIENT) */
        KEY_AND_CLIENT_ID,
        /** the key alone: {@code Authorization: Bearer|Key <key>} or {@code api-key} (Bytez, OpenAI) */
        KEY
    }

    public Route {
        method = method.toUpperCase(Locale.ROOT);
    }

    public static Route get(String path, RouteHandler handler) {
        return of("GET", path, handler);
    }

    public static Route post(String path, RouteHandler handler) {
        return of("POST", path, handler);
    }

    public static Route patch(String path, RouteHandler handler) {
        return of("PATCH", path, handler);
    }

    public static Route delete(String path, RouteHandler handler) {
        return of("DELETE", path, handler);
    }

    private static Route of(String method, String path, RouteHandler handler) {
        return new Route(method, PathTemplate.of(path), handler, Access.KEY_AND_CLIENT_ID, null);
    }

    /** @return this route, callable without credentials */
    public Route withoutAuthentication() {
        return new Route(method, path, handler, Access.PUBLIC, null);
    }

    /** @return this route, callable with an API key alone */
    public Route keyOnly() {
        return new Route(method, path, handler, Access.KEY, claim);
    }

    /** @return this route, taking only the requests whose headers match (see {@link #claim()}) */
    public Route claiming(Predicate<Map<String, String>> requests) {
        return new Route(method, path, handler, access, requests);
    }

    public boolean authenticated() {
        return access != Access.PUBLIC;
    }

    /** @return whether this route takes a request with these (lower-case) headers */
    public boolean takes(Map<String, String> headers) {
        return claim == null || claim.test(headers);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
