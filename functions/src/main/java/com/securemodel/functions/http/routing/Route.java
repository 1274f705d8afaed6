package com.securemodel.functions.http.routing;

import java.util.Locale;

/**
 * One line of a route table: method + path template → handler.
 *
 * @param authenticated whether the caller must present a valid API key and client id (all routes but health)
 */
public record Route(String method, PathTemplate path, RouteHandler handler, boolean authenticated) {

    public Route {
        method = method.toUpperCase(Locale.ROOT);
    }

    public static Route get(String path, RouteHandler handler) {
        return new Route("GET", PathTemplate.of(path), handler, true);
    }

    public static Route post(String path, RouteHandler handler) {
        return new Route("POST", PathTemplate.of(path), handler, true);
    }

    public static Route patch(String path, RouteHandler handler) {
        return new Route("PATCH", PathTemplate.of(path), handler, true);
    }

    public static Route delete(String path, RouteHandler handler) {
        return new Route("DELETE", PathTemplate.of(path), handler, true);
    }

    /** @return this route, callable without credentials */
    public Route withoutAuthentication() {
        return new Route(method, path, handler, false);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
