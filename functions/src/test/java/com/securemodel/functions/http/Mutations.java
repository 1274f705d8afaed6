package com.securemodel.functions.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid call into a bad one, at random from a seed: wrong types, huge and negative numbers, unicode and null
 * bytes, deep nesting, oversize and malformed bodies, content types that are not JSON, path traversal in ids, odd
 * query strings, methods and credentials.
 */
final class Mutations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NUMBERS = List.of("1e308", "-1e308", "99999999999999999999999999", "-1",
            "-2147483649", "2147483648", "0", "1.5", "-0.0", "1e-400", "NaN", "\"12\"", "Infinity");
    private static final List<String> ODD_VALUES = List.of("null", "true", "[]", "{}", "\"\"", "[null]",
            "\"\\u0000\"", "\"\\ud800\"", "\"\\u202e\\u200b\\ufeff\"", "\"😀𝔘𝔫𝔦\"", "{\"$ne\": 1}", "\"%s%n%x\"",
            "\"${jndi:ldap://x/a}\"", "\"<script>\"", "\"" + "é".repeat(5000) + "\"", "[1, \"a\", {}]");
    private static final List<String> BODIES = List.of("", "{", "}", "{\"a\":}", "{'model': 1}", "null", "[]",
            "123", "\"text\"", "{\"model\": \"a\"} trailing", "\ufeff{}", "{\"model\":\"a\",\"model\":\"b\"}",
            "\u0000", "{\"a\": 1,}", "{\"a\" 1}", "[{]", "{\"a\": \"\\x41\"}", "{\"a\": 01}", "{\"a\": .5}",
            "\u00ff\u00fe", "{\"a\": \"unterminated}", "<?xml version=\"1.0\"?><a/>", "a=b&c=d");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/jsonx",
            "application/octet-stream", "text/json; charset=utf-8", "json", "*/*", "application/json+xml");
    private static final List<String> IDS = List.of("../../etc/passwd", "..%2F..%2Fetc", "%2e%2e%2f", "a%00b",
            "dep_1/../../x", "%252e%252e", "....//", "x".repeat(3000), "ü🙂", "dep_%20", ";rm -rf", "*", "%",
            "null", "..\\..\\windows", "%c0%ae%c0%ae/");
    private static final List<String> QUERIES = List.of("limit=-1", "limit=abc", "limit=101", "offset=1e99",
            "offset=-5", "status=%00", "status=RUNNING", "tags[x]=", "tags=1", "limit=1&limit=2", "%", "a=%zz",
            "force=maybe", "task=" + "x".repeat(4000), "model_name[]=1", "api-version=../../");
    private static final List<String> METHODS = List.of("PUT", "PATCH", "DELETE", "GET", "POST", "HEAD", "TRACE",
            "OPTIONS", "CONNECT", "PROPFIND", "get");

    private final Random random;

    Mutations(Random random) {
        this.random = random;
    }

    /** @return a bad variant of {@code valid} (one to three mutations) */
    HttpCall apply(HttpCall valid) {
        HttpCall call = valid;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            call = once(call);
        }
        return call;
    }

    private HttpCall once(HttpCall call) {
        return switch (random.nextInt(14)) {
            case 0, 1 -> call.body() == null ? call.withBody(pick(BODIES)) : field(call, pick(ODD_VALUES));
            case 2 -> call.body() == null ? call.withQuery(pick(QUERIES)) : field(call, pick(NUMBERS));
            case 3 -> call.withBody(pick(BODIES)).withHeader("Content-Type", "application/json");
            case 4 -> call.withHeader("Content-Type", pick(CONTENT_TYPES))
                    .withBody(call.body() == null ? "{}" : call.body());
            case 5 -> call.withPath(traversal(call.path()));
            case 6 -> call.withQuery(pick(QUERIES));
            case 7 -> call.body() == null ? call.withMethod(pick(METHODS)) : field(call, nested());
            case 8 -> random.nextInt(40) == 0 ? call.withBody("{\"prompt\": \"" + "a".repeat(1_100_000) + "\"}")
                    : field(call, "\"" + "long ".repeat(20_000) + "\"");
            case 9 -> unknownField(call);
            case 10 -> credentials(call);
            case 11 -> call.withMethod(pick(METHODS));
            case 12 -> call.withHeader("Content-Type", null);
            default -> call.withBody(call.body() == null ? pick(BODIES) : call.body() + pick(BODIES));
        };
    }

    private HttpCall credentials(HttpCall call) {
        String authorization = call.header("Authorization");
        return switch (random.nextInt(9)) {
            case 0 -> call.withHeader("Authorization", null);
            case 1 -> call.withHeader("Authorization", "Basic dXNlcjpwYXNz");
            case 2 -> call.withHeader("Authorization", "Bearer ");
            case 3 -> call.withHeader("Authorization", "Bearer " + "k".repeat(10_000));
            case 4 -> call.withHeader("X-Client-ID", random.nextBoolean() ? "" : "other-team");
            case 5 -> authorization == null ? call : call.addHeader("Authorization", "Bearer sk-wrong");
            case 6 -> authorization == null ? call : call.withHeader("Authorization", null)
                    .withHeader("AUTHORIZATION", authorization.toLowerCase());
            case 7 -> call.withHeader("api-key", "sk-wrong\u0000");
            default -> call.withHeader("X-Client-ID", "local-dev\r\nX-Injected: 1");
        };
    }

    private HttpCall field(HttpCall call, String value) {
        if (call.body() == null) {
            return call.withBody(value);
        }
        try {
            JsonNode body = JSON.readTree(call.body());
            if (!(body instanceof ObjectNode object) || object.isEmpty()) {
                return call.withBody(call.body() + value);
            }
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            String text = object.toString();
            String replaced = JSON.writeValueAsString(object.put(name, "__VALUE__")).replace("\"__VALUE__\"", value);
            return call.withBody(random.nextInt(5) == 0 ? text.replace("\"" + name + "\"", "\"" + name + "\"") + value
                    : replaced);
        } catch (IOException e) {
            return call.withBody(value);
        }
    }

    private HttpCall unknownField(HttpCall call) {
        String body = call.body() == null || !call.body().startsWith("{") ? "{}" : call.body();
        return call.withBody("{\"" + pick(List.of("max_token", "__proto__", "constructor", "", "MODEL", "\u0000"))
                + "\": 1" + (body.length() > 2 ? ", " : "") + body.substring(1));
    }

    private String nested() {
        int depth = random.nextBoolean() ? 1200 : 20_000;
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private String traversal(String path) {
        String[] segments = path.split("/");
        if (segments.length < 2) {
            return path + pick(IDS);
        }
        int at = 1 + random.nextInt(segments.length - 1);
        segments[at] = pick(IDS);
        return String.join("/", segments);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
