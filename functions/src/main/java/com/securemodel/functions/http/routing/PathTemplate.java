package com.securemodel.functions.http.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A route's path, such as {@code /v1/deployments/{deployment_id}/generate}: literal segments and named
 * {@code {parameter}} segments, each matching exactly one non-empty path segment.
 */
public final class PathTemplate {

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    private final String template;
    private final List<String> segments;

    private PathTemplate(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("A path template starts with '/': " + template);
        }
        this.template = template;
        this.segments = split(template);
        for (String segment : segments) {
            if (segment.contains("{") && !PARAMETER.matcher(segment).matches()) {
                throw new IllegalArgumentException("Bad parameter segment '" + segment + "' in " + template);
            }
        }
    }

    public static PathTemplate of(String template) {
        return new PathTemplate(template);
    }

    /**
     * @param rawPath the request path as received (percent-encoded); one trailing slash is ignored
     * @return the decoded path parameters when the path matches, empty otherwise
     */
    public Optional<Map<String, String>> match(String rawPath) {
        return matchSegments(decodedSegments(rawPath));
    }

    /**
     * {@link #match} for a path already split and decoded ({@link #decodedSegments}): a router tries many templates on
     * one path, and splits and decodes it once.
     */
    Optional<Map<String, String>> matchSegments(List<String> decoded) {
        if (decoded.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = null;
        for (int i = 0; i < decoded.size(); i++) {
            String expected = segments.get(i);
            String actual = decoded.get(i);
            if (isParameter(expected)) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                if (parameters == null) {
                    parameters = new LinkedHashMap<>();
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters == null ? new LinkedHashMap<>() : parameters);
    }

    /** @return the template's literal segments before its first parameter ({@code [v1, deployments]} here) */
    List<String> literalPrefix() {
        List<String> prefix = new ArrayList<>();
        for (String segment : segments) {
            if (isParameter(segment)) {
                break;
            }
            prefix.add(segment);
        }
        return prefix;
    }

    /** @return the segments of {@code rawPath} as {@link #match} compares them: split, then each decoded */
    static List<String> decodedSegments(String rawPath) {
        List<String> segments = split(rawPath);
        segments.replaceAll(PathTemplate::decode);
        return java.util.Collections.unmodifiableList(segments);
    }

    /** @return how many literal segments the template has: a more literal template wins over a parameter */
    public int literalSegments() {
        return (int) segments.stream().filter(s -> !isParameter(s)).count();
    }

    @Override
    public String toString() {
        return template;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathTemplate that && shape().equals(that.shape());
    }

    @Override
    public int hashCode() {
        return shape().hashCode();
    }

    /** Two templates that differ only in parameter names match the same paths. */
    private List<String> shape() {
        return segments.stream().map(s -> isParameter(s) ? "{}" : s).toList();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{");
    }

    private static List<String> split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<String> parts = new ArrayList<>(List.of(trimmed.split("/", -1)));
        parts.removeFirst();
        return parts;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
