package com.securemodel.functions.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.http.error.ErrorFormat;
import com.securemodel.functions.http.paitient.PaitientErrorFormat;
import com.securemodel.functions.http.paitient.PaitientJson;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.Route;
import com.securemodel.functions.http.routing.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route of every dialect, without credentials.
 * The document is {@code openapi/openapi.json} on the class path; a test checks it against the route tables, so a
 * route missing from it fails the build.
 *
 * @see <a href="https://spec.openapis.org/oas/v3.1.0">OpenAPI 3.1.0</a>
 */
public final class ApiDocumentRoutes implements RouteTable {

    /** Where its route lies. */
    public static final List<String> PATHS = List.of("/openapi.json");

    /** Where the document lies on the class path. */
    public static final String RESOURCE = "/openapi/openapi.json";

    private final ObjectMapper json = PaitientJson.create();
    private final ErrorFormat errors = new PaitientErrorFormat();
    /** Read on the first request for it, not at start (240 KB of JSON: cold start). */
    private volatile JsonNode document;

    /** @return the document as it is served */
    public static JsonNode load(ObjectMapper mapper) {
        try (InputStream in = ApiDocumentRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode document() {
        JsonNode loaded = document;
        if (loaded == null) {
            loaded = load(json);
            document = loaded; // two first requests at once may both read it: the same document either way
        }
        return loaded;
    }

    @Override
    public String dialect() {
        return "service";
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/openapi.json", request -> ApiResponse.ok(document())).withoutAuthentication());
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
