package com.securemodel.functions.http.routing;

/** Handles one matched route: parse the request, call one service method, map the result. */
@FunctionalInterface
public interface RouteHandler {

    ApiResponse handle(ApiRequest request);
}
