package com.securemodel.functions.http.routing;

import com.securemodel.functions.http.error.MethodNotAllowedException;
import com.securemodel.functions.http.error.RouteNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the route of a request among the route tables of every dialect. A template with more literal segments
 * wins over one with parameters in their place; two routes for the same method and path are refused at start.
 * Every authenticated route it holds names its scope ({@link RouteScopes} derives those a table left out).
 */
public final class Router {

    /** A route found for a request, with its table and decoded path parameters. */
    public record Match(Route route, RouteTable table, Map<String, String> pathParameters) {
    }

    private record Entry(Route route, RouteTable table) {
    }

    private final List<Entry> entries;
    private final RouteTable fallback;
    private final List<RouteTable> tables;

    /** @param tables the dialects' route tables; the first one's error shape serves requests that match no route */
    public Router(List<RouteTable> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("A router needs at least one route table");
        }
        this.fallback = tables.getFirst();
        List<Entry> all = new ArrayList<>();
        for (RouteTable table : tables) {
            for (Route declared : table.routes()) {
                Route route = RouteScopes.resolve(table.dialect(), declared);
                all.stream().filter(e -> sameRoute(e.route(), route))
                        .filter(e -> e.route().claim() == null && route.claim() == null).findFirst().ifPresent(clash -> {
                    throw new IllegalStateException("Two routes for " + route + " (dialects "
                            + clash.table().dialect() + " and " + table.dialect() + ")");
                });
                all.add(new Entry(route, table));
            }
        }
        all.sort(Comparator.comparingInt((Entry e) -> e.route().path().literalSegments()).reversed()
                .thenComparing(e -> e.route().claim() == null));
        this.entries = List.copyOf(all);
        this.tables = List.copyOf(tables);
    }

    /** @return the table whose error shape serves requests that match no route */
    public RouteTable fallback() {
        return fallback;
    }

    /** @return the table whose error shape serves a request for this path that matches no route */
    public RouteTable tableFor(String rawPath) {
        return tables.stream().filter(t -> t.owns(rawPath)).findFirst().orElse(fallback);
    }

    /** {@link #match(String, String, Map)} for a request without headers. */
    public Match match(String method, String rawPath) {
        return match(method, rawPath, Map.of());
    }

    /**
     * @param headers the request headers by lower-case name, for routes that claim requests by a rule
     * @throws RouteNotFoundException when no template matches the path
     * @throws MethodNotAllowedException when templates match the path but none for this method
     */
    public Match match(String method, String rawPath, Map<String, String> headers) {
        String upper = method.toUpperCase(Locale.ROOT);
        TreeSet<String> allowed = new TreeSet<>();
        for (Entry entry : entries) {
            Optional<Map<String, String>> parameters = entry.route().path().match(rawPath);
            if (parameters.isEmpty()) {
                continue;
            }
            if (!entry.route().takes(headers)) {
                continue;
            }
            if (entry.route().method().equals(upper)) {
                return new Match(entry.route(), entry.table(), parameters.get());
            }
            allowed.add(entry.route().method());
        }
        if (allowed.isEmpty()) {
            throw new RouteNotFoundException(upper, rawPath);
        }
        throw new MethodNotAllowedException(upper, rawPath, allowed);
    }

    /** @return every route, most literal first */
    public List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    private static boolean sameRoute(Route a, Route b) {
        return a.method().equals(b.method()) && a.path().equals(b.path());
    }
}
