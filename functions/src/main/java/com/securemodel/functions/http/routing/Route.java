package com.securemodel.functions.http.routing;

import com.securemodel.core.tenant.Scope;
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
 * @param consumes the media type of the request bodies it reads: {@value #JSON} unless it says otherwise (a body
 *        of another type is a 415)
 * @param scope the API key scope it needs, or null: then {@link RouteScopes} derives it from the method, the path
 *        and the dialect when the {@link Router} takes the route (public routes need none)
 */
public record Route(String method, PathTemplate path, RouteHandler handler, Access access,
                    Predicate<Map<String, String>> claim, String consumes, Scope scope) {

    /** The media type of every body but the routes that say otherwise. */
    public static final String JSON = "application/json";

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
        consumes = consumes == null ? JSON : consumes;
    }

    public Route(String method, PathTemplate path, RouteHandler handler, Access access,
                 Predicate<Map<String, String>> claim) {
        this(method, path, handler, access, claim, JSON, null);
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
        return new Route(method, path, handler, Access.PUBLIC, null, consumes, null);
    }

    /** @return this route, callable with an API key alone */
    public Route keyOnly() {
        return new Route(method, path, handler, Access.KEY, claim, consumes, scope);
    }

    /** @return this route, taking only the requests whose headers match (see {@link #claim()}) */
    public Route claiming(Predicate<Map<String, String>> requests) {
        return new Route(method, path, handler, access, requests, consumes, scope);
    }

    /** @return this route, reading bodies of {@code mediaType} (for example {@code multipart/form-data}) */
    public Route consuming(String mediaType) {
        return new Route(method, path, handler, access, claim, mediaType, scope);
    }

    /**
     * @return this route, needing {@code needed} instead of the scope {@link RouteScopes} would derive (for example
     *         Bytez's {@code POST /model/status}, a read)
     */
    public Route scoped(Scope needed) {
        if (access == Access.PUBLIC) {
            throw new IllegalStateException(this + " is public: it needs no scope");
        }
        return new Route(method, path, handler, access, claim, consumes, needed);
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
