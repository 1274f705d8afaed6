package com.securemodel.functions.http;

import com.securemodel.functions.http.paitient.PaitientErrorFormat;
import com.securemodel.functions.http.paitient.PaitientJson;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.DialectRoutes;
import com.securemodel.functions.http.routing.Route;
import java.util.List;

/** {@code GET /health}: the one route that needs no credentials (load balancers, smoke tests). */
public final class HealthRoutes extends DialectRoutes {

    /** The health answer. */
    public record Health(String status) {
    }

    /** Where its route lies. */
    public static final List<String> PATHS = List.of("/health");

    public HealthRoutes() {
        super("service", PaitientJson.create(), new PaitientErrorFormat(), List.of());
        define(List.of(Route.get("/health", request -> ApiResponse.ok(new Health("ok"))).withoutAuthentication()));
    }
}
