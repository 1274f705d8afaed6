package com.securemodel.functions.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.http.error.ErrorFormat;
import com.securemodel.functions.http.paitient.PaitientErrorFormat;
import com.securemodel.functions.http.paitient.PaitientJson;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.Route;
import com.securemodel.functions.http.routing.RouteTable;
import java.util.List;

/** {@code GET /health}: the one route that needs no credentials (load balancers, smoke tests). */
public final class HealthRoutes implements RouteTable {

    /** The health answer. */
    public record Health(String status) {
    }

    private final ObjectMapper json = PaitientJson.create();
    private final ErrorFormat errors = new PaitientErrorFormat();

    @Override
    public String dialect() {
        return "service";
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/health", request -> ApiResponse.ok(new Health("ok"))).withoutAuthentication());
    }

    @Override
    public ObjectMapper json() {
        return json;
    }

    @Override
    public ErrorFormat errorFormat() {
        return errors;
    }
}
