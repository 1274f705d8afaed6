package com.securemodel.functions.http.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.http.error.ErrorFormat;
import java.util.List;

/**
 * What every dialect's route table holds: its name, its JSON, its error shape, the path prefixes whose 404 and 405
 * take that shape, and the routes its constructor {@linkplain #define defines}.
 */
public abstract class DialectRoutes implements RouteTable {

    private final String dialect;
    private final ObjectMapper json;
    private final ErrorFormat errors;
    private final List<String> prefixes;
    private List<Route> routes = List.of();

    protected DialectRoutes(String dialect, ObjectMapper json, ErrorFormat errors, List<String> prefixes) {
        this.dialect = dialect;
        this.json = json;
        this.errors = errors;
        this.prefixes = List.copyOf(prefixes);
    }

    /** @return {@code prefixes} and {@code more}: a table's paths for a lazy {@link Router} */
    protected static List<String> concat(List<String> prefixes, String... more) {
        List<String> all = new java.util.ArrayList<>(prefixes);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    /** Sets the routes (the subclass's constructor calls it once, after building its handlers). */
    protected final void define(List<Route> table) {
        this.routes = List.copyOf(table);
    }

    @Override
    public final String dialect() {
        return dialect;
    }

    @Override
    public final List<Route> routes() {
        return routes;
    }

    @Override
    public final ObjectMapper json() {
        return json;
    }

    @Override
    public final ErrorFormat errorFormat() {
        return errors;
    }

    @Override
    public boolean owns(String rawPath) {
        return prefixes.stream().anyMatch(rawPath::startsWith);
    }
}
