package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.functions.http.routing.Router;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Generated bad requests over every operation of the OpenAPI document (so every route), through the function over
 * the in-memory fakes: no 5xx, no stack trace or library text, and every error in its dialect's JSON shape with a
 * documented code. CI runs {@value #DEFAULT_REQUESTS} with a fixed seed; {@code -Dfuzz.requests=N -Dfuzz.seed=S}
 * runs more (see docs/harness-readme-section.md).
 */
class ApiFuzzTest {

    static final int DEFAULT_REQUESTS = 10_000;
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_202L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire)
            .collect(Collectors.toSet());
    private static final Set<String> OPENAI_TYPES = Set.of("invalid_request_error", "rate_limit_error", "server_error");
    private static final Set<String> OPENAI_CODES = Set.of("invalid_request_error", "validation_error",
            "invalid_api_key", "model_not_found", "not_found", "deployment_error", "rate_limit_exceeded",
            "permission_denied", "quota_exceeded", "instance_type_unavailable");
    private static final List<String> LIBRARY_TEXT = List.of("exception", "\tat ", "com.fasterxml", "java.",
            "jackson", "org.springframework", "org.apache", "software.amazon", "stack trace", "line: ", "column: ",
            "cannot deserialize", "unrecognized token", "source: ");

    @Test
    void generatedBadRequests_overEveryRoute_neverFail_andAnswerTheDialectsErrorShape() {
        HttpApiHarness harness = new HttpApiHarness();
        HarnessWorld world = HarnessWorld.of(harness);
        ApiDocument document = ApiDocument.load();
        CallFactory factory = new CallFactory(document);
        Random random = new Random(SEED);
        Mutations mutations = new Mutations(random);
        List<ApiDocument.Operation> operations = document.operations();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> perOperation = new TreeMap<>();

        for (int i = 0; i < REQUESTS && problems.size() < 20; i++) {
            ApiDocument.Operation operation = operations.get(i % operations.size());
            String dialect = operation.dialects().get(random.nextInt(operation.dialects().size()));
            HttpCall valid = factory.valid(operation, dialect, world.owner(), world.ownerTargets(), "fuzz");
            HttpCall bad = mutations.apply(valid);
            APIGatewayV2HTTPResponse response = harness.call(bad.toEvent());
            String where = "seed " + SEED + " #" + i + " " + bad + " " + bad.headers() + " body "
                    + abbreviate(String.valueOf(bad.body())) + ": ";
            problems.addAll(check(harness.router, bad, response).stream().map(p -> where + p).toList());
            perOperation.merge(operation.toString(), 1, Integer::sum);
        }

        assertThat(problems).isEmpty();
        assertThat(perOperation).as("every operation fuzzed").hasSize(operations.size());
    }

    /** @return what is wrong with an answer to a bad request; empty when it is sound */
    static List<String> check(Router router, HttpCall call, APIGatewayV2HTTPResponse response) {
        List<String> problems = new ArrayList<>();
        int status = response.getStatusCode();
        String body = response.getBody() == null ? "" : response.getBody();
        if (status >= 500) {
            problems.add("status " + status + " " + abbreviate(body));
        }
        String lower = body.toLowerCase(Locale.ROOT);
        LIBRARY_TEXT.stream().filter(lower::contains).findFirst()
                .ifPresent(text -> problems.add("library text '" + text + "' in " + abbreviate(body)));
        if (status < 400) {
            return problems;
        }
        String contentType = response.getHeaders().get("Content-Type");
        if (!"application/json".equals(contentType)) {
            problems.add(status + " with Content-Type " + contentType);
            return problems;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            problems.add(status + " body is not JSON: " + abbreviate(body));
            return problems;
        }
        problems.addAll(errorShape(dialectOf(router, call), status, json));
        return problems;
    }

    /** @return the dialect whose error shape an answer to this call must have */
    static String dialectOf(Router router, HttpCall call) {
        var event = call.toEvent();
        try {
            return router.match(call.method(), call.path(), event.getHeaders().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).table().dialect();
        } catch (RuntimeException noRoute) {
            return router.tableFor(call.path()).dialect();
        }
    }

    static List<String> errorShape(String dialect, int status, JsonNode json) {
        List<String> problems = new ArrayList<>();
        switch (dialect) {
            case "bytez" -> {
                if (!json.path("error").isTextual() || json.path("error").asText().isBlank() || json.size() != 1) {
                    problems.add("not Bytez's {\"error\": \"<message>\"}: " + json);
                }
            }
            case "openai" -> {
                JsonNode error = json.path("error");
                if (!OPENAI_TYPES.contains(error.path("type").asText()) || !error.path("message").isTextual()
                        || !OPENAI_CODES.contains(error.path("code").asText())) {
                    problems.add("not OpenAI's error with a documented type and code: " + json);
                }
            }
            default -> {
                JsonNode error = json.path("error");
                if (!CODES.contains(error.path("code").asText()) || !error.path("message").isTextual()
                        || !error.path("request_id").asText().startsWith("req_")) {
                    problems.add("not PaiTIENT's error with a documented code: " + json);
                }
            }
        }
        return problems;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
