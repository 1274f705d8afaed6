package com.securemodel.functions.http.routing;

import com.securemodel.core.error.ServiceException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query string, parsed from API Gateway's {@code rawQueryString} with URL decoding (so that
 * {@code tags[environment]=production} keeps its brackets and {@code +} means a space). Names may repeat.
 */
public final class QueryParameters {

    private static final QueryParameters EMPTY = new QueryParameters(Map.of());

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static QueryParameters empty() {
        return EMPTY;
    }

    /**
     * @param rawQueryString the query string without {@code ?}, percent-encoded; may be null or empty
     * @throws ServiceException invalid_request_error for malformed percent-encoding
     */
    public static QueryParameters parse(String rawQueryString) {
        if (rawQueryString == null || rawQueryString.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : rawQueryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        values.replaceAll((name, list) -> List.copyOf(list));
        return new QueryParameters(Map.copyOf(values));
    }

    /** For events without a raw query string: API Gateway's already decoded single values. */
    public static QueryParameters of(Map<String, String> decoded) {
        if (decoded == null || decoded.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        decoded.forEach((name, value) -> values.put(name, List.of(value == null ? "" : value)));
        return new QueryParameters(Map.copyOf(values));
    }

    /** @return the first value of {@code name}, empty when absent */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.getFirst());
    }

    /** @return every value of {@code name} in order, empty when absent */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * @return the keys and first values of every {@code name[key]=value} parameter, for example
     *         {@code tags[environment]=production} gives {@code environment → production} for {@code tags}
     */
    public Map<String, String> bracketed(String name) {
        String prefix = name + "[";
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((key, list) -> {
            if (key.startsWith(prefix) && key.endsWith("]") && key.length() > prefix.length() + 1) {
                result.putIfAbsent(key.substring(prefix.length(), key.length() - 1), list.getFirst());
            }
        });
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalidRequest("The query string is not valid URL encoding near '"
                    + abbreviate(text) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
