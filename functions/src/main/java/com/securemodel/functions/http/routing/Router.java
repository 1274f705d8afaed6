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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Finds the route of a request among the route tables of every dialect. A template with more literal segments
 * wins over one with parameters in their place; two routes for the same method and path are refused.
 * Every authenticated route it holds names its scope ({@link RouteScopes} derives those a table left out).
 *
 * <p>A router made with {@link #lazy} makes each table (and so the services behind its handlers) when a request
 * first needs it: a request is matched among the tables whose {@linkplain Source#prefixes() path prefixes} cover
 * its path, which are all the tables that could hold its route or own its path, so it finds what a router of every
 * table finds. A Lambda function's first request then builds only its own dialect: {@code GET /health} none, a
 * PaiTIENT request neither the OpenAI nor the Bytez routes. A table is checked when it is made (its routes lie
 * under its prefixes; none is a second route for a method and path another made table has); {@link #routes()}
 * makes them all.
 */
public final class Router {

    /** A route found for a request, with its table and decoded path parameters. */
    public record Match(Route route, RouteTable table, Map<String, String> pathParameters) {
    }

    /**
     * A route table and the path prefixes that cover it: every route's literal start and every path the table
     * {@linkplain RouteTable#owns owns} lies under one of them (as a string prefix of the raw path, or segment by
     * segment of the decoded path as routes match; {@code "/"} covers everything).
     */
    public record Source(List<String> prefixes, Supplier<? extends RouteTable> table) {

        public Source {
            prefixes = List.copyOf(prefixes);
        }

        /** A table made already, covering every path. */
        public static Source of(RouteTable table) {
            return new Source(List.of("/"), () -> table);
        }
    }

    private record Entry(Route route, RouteTable table) {
    }

    private static final Comparator<Entry> PRECEDENCE = Comparator
            .comparingInt((Entry e) -> e.route().path().literalSegments()).reversed()
            .thenComparing(e -> e.route().claim() == null);

    private final List<Source> sources;
    private final List<List<List<String>>> prefixSegments;
    private final AtomicReferenceArray<RouteTable> tables;
    private final AtomicReferenceArray<List<Entry>> tableEntries;
    /** The sorted entries of each set of tables a request path needed (a bit per source). */
    private final Map<Long, List<Entry>> entriesByTables = new ConcurrentHashMap<>();
    private final ReentrantLock making = new ReentrantLock();
    /** The error shape of requests no table owns; null: the first table's. */
    private final RouteTable fallback;

    /** @param tables the dialects' route tables; the first one's error shape serves requests that match no route */
    public Router(List<RouteTable> tables) {
        this(null, tables.stream().map(Source::of).toArray(Source[]::new));
        routes(); // every table at once: a clash fails here
    }

    private Router(RouteTable fallback, Source[] given) {
        this.fallback = fallback;
        List<Source> sources = List.of(given);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("A router needs at least one route table");
        }
        if (sources.size() > Long.SIZE) {
            throw new IllegalArgumentException("A router takes at most " + Long.SIZE + " route tables");
        }
        this.sources = sources;
        this.prefixSegments = this.sources.stream()
                .map(s -> s.prefixes().stream().map(Router::segmentsOf).toList()).toList();
        this.tables = new AtomicReferenceArray<>(sources.size());
        this.tableEntries = new AtomicReferenceArray<>(sources.size());
    }

    /**
     * @param fallback a table (routes need not be made) whose error shape serves requests that no table owns, in the
     *                 first source's shape: a 404 for {@code /favicon.ico} then makes no dialect's routes
     * @param sources the dialects' route tables, each made on first need
     */
    public static Router lazy(RouteTable fallback, List<Source> sources) {
        return new Router(fallback, sources.toArray(Source[]::new));
    }

    /** @return the table whose error shape serves requests that match no route */
    public RouteTable fallback() {
        return fallback != null ? fallback : table(0);
    }

    /** @return the table whose error shape serves a request for this path that matches no route */
    public RouteTable tableFor(String rawPath) {
        long covering = covering(rawPath, PathTemplate.decodedSegments(rawPath));
        for (int i = 0; i < sources.size(); i++) {
            if ((covering & (1L << i)) != 0 && table(i).owns(rawPath)) {
                return table(i);
            }
        }
        return fallback();
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
        List<String> segments = PathTemplate.decodedSegments(rawPath);
        for (Entry entry : entries(covering(rawPath, segments))) {
            Optional<Map<String, String>> parameters = entry.route().path().matchSegments(segments);
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

    /** @return every route of every table (all made), most literal first */
    public List<Route> routes() {
        long all = sources.size() == Long.SIZE ? -1L : (1L << sources.size()) - 1;
        return entries(all).stream().map(Entry::route).toList();
    }

    /** @return a bit for every source whose prefixes cover {@code rawPath} (its {@code segments}, decoded) */
    private long covering(String rawPath, List<String> segments) {
        long covering = 0;
        for (int i = 0; i < sources.size(); i++) {
            for (int p = 0; p < sources.get(i).prefixes().size(); p++) {
                String prefix = sources.get(i).prefixes().get(p);
                if (rawPath.startsWith(prefix)) {
                    covering |= 1L << i;
                    break;
                }
                if (startsWith(segments, prefixSegments.get(i).get(p))) {
                    covering |= 1L << i;
                    break;
                }
            }
        }
        return covering;
    }

    private List<Entry> entries(long covering) {
        List<Entry> known = entriesByTables.get(covering);
        if (known != null) {
            return known;
        }
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            if ((covering & (1L << i)) != 0) {
                table(i);
                all.addAll(tableEntries.get(i));
            }
        }
        all.sort(PRECEDENCE); // stable: table order, then each table's own order, as among every table
        List<Entry> sorted = List.copyOf(all);
        entriesByTables.putIfAbsent(covering, sorted);
        return sorted;
    }

    /** @return the table of source {@code i}, made and checked on first need */
    private RouteTable table(int i) {
        RouteTable made = tables.get(i);
        if (made != null) {
            return made;
        }
        making.lock();
        try {
            if (tables.get(i) == null) {
                RouteTable table = sources.get(i).table().get();
                List<Entry> entries = new ArrayList<>();
                for (Route declared : table.routes()) {
                    Route route = RouteScopes.resolve(table.dialect(), declared);
                    List<String> start = route.path().literalPrefix();
                    if (prefixSegments.get(i).stream().noneMatch(prefix -> startsWith(start, prefix))) {
                        throw new IllegalStateException("Route " + route + " of dialect " + table.dialect()
                                + " is not under its table's prefixes " + sources.get(i).prefixes());
                    }
                    for (int other = 0; other < sources.size(); other++) {
                        List<Entry> theirs = other == i ? entries : tableEntries.get(other);
                        if (theirs == null) {
                            continue;
                        }
                        theirs.stream().filter(e -> sameRoute(e.route(), route))
                                .filter(e -> e.route().claim() == null && route.claim() == null).findFirst()
                                .ifPresent(clash -> {
                                    throw new IllegalStateException("Two routes for " + route + " (dialects "
                                            + clash.table().dialect() + " and " + table.dialect() + ")");
                                });
                    }
                    entries.add(new Entry(route, table));
                }
                tableEntries.set(i, List.copyOf(entries));
                tables.set(i, table);
            }
            return tables.get(i);
        } finally {
            making.unlock();
        }
    }

    private static List<String> segmentsOf(String prefix) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.isEmpty() ? List.of() : PathTemplate.decodedSegments(trimmed);
    }

    private static boolean startsWith(List<String> segments, List<String> prefix) {
        return segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix);
    }

    private static boolean sameRoute(Route a, Route b) {
        return a.method().equals(b.method()) && a.path().equals(b.path());
    }
}
