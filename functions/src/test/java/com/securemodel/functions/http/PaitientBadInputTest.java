package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input gets a 4xx that says what to fix: never a 500, never a library's message or a stack trace. */
class PaitientBadInputTest {

    private final HttpApiHarness harness = new HttpApiHarness();

    static Stream<Arguments> createBodies() {
        return Stream.of(
                bad("{\"model_name\": \"x\", \"instance_type\": ", 400, "invalid_request_error",
                        "The request body is not valid JSON"),
                bad("{\"model_name\": \"a\"} {\"b\": 1}", 400, "invalid_request_error", "not valid JSON"),
                bad("{\"model_name\": \"a\", \"model_name\": \"b\"}", 400, "invalid_request_error", "not valid JSON"),
                bad("", 400, "invalid_request_error", "The request body is required"),
                bad("[]", 400, "invalid_request_error", "The request body must be a JSON object"),
                bad("\"text\"", 400, "invalid_request_error", "The request body must be a JSON object"),
                bad("null", 400, "invalid_request_error", "must be a JSON object"),
                bad("{\"min_replicas\": 1.5}", 400, "invalid_request_error", "Field 'min_replicas' must be an integer"),
                bad("{\"min_replicas\": \"1\"}", 400, "invalid_request_error",
                        "Field 'min_replicas' must be an integer"),
                bad("{\"max_replicas\": 99999999999}", 400, "invalid_request_error",
                        "Field 'max_replicas' is out of range for an integer"),
                bad("{\"auto_scaling\": \"yes\"}", 400, "invalid_request_error",
                        "Field 'auto_scaling' must be true or false"),
                bad("{\"auto_scaling\": 1}", 400, "invalid_request_error",
                        "Field 'auto_scaling' must be true or false"),
                bad("{\"model_name\": 42}", 400, "invalid_request_error", "Field 'model_name' must be a string"),
                bad("{\"tags\": {\"environment\": 1}}", 400, "invalid_request_error",
                        "Field 'tags.environment' must be a string"),
                bad("{\"tags\": {\"environment\": null}}", 400, "invalid_request_error", "Field 'tags.environment'"),
                bad("{\"tags\": [\"production\"]}", 400, "invalid_request_error", "Field 'tags' must be an object"),
                bad("{\"model_config\": {\"context_length\": \"big\"}}", 400, "invalid_request_error",
                        "Field 'model_config.context_length' must be an integer"),
                bad("{\"vpc_config\": {\"subnet_ids\": [\"subnet-1\", 2]}}", 400, "invalid_request_error",
                        "Field 'vpc_config.subnet_ids[1]' must be a string"),
                bad("{\"security_settings\": {\"audit_logging\": \"on\"}}", 400, "invalid_request_error",
                        "Field 'security_settings.audit_logging' must be true or false"),
                bad("{\"deployment_nam\": \"x\"}", 400, "invalid_request_error",
                        "Unknown field 'deployment_nam'; known fields: auto_scaling, compute_type, deployment_name"),
                bad("{\"model_config\": {\"temp\": 1}}", 400, "invalid_request_error",
                        "Unknown field 'temp' in 'model_config'"),
                bad("{\"model_name\": \"a/b\", \"model_id\": \"c/d\"}", 400, "validation_error", "model_id"),
                bad("{\"instance_type\": \"g4dn.xlarge\"}", 400, "validation_error", "model_name"),
                bad("{\"model_name\": \"nobody/no-model\", \"instance_type\": \"g4dn.xlarge\"}", 404,
                        "model_not_found", "nobody/no-model"),
                bad("{\"model_name\": \"ZimaBlueAI/HuatuoGPT-o1-8B\", \"instance_type\": \"g4dn.xlarge\","
                        + " \"model_config\": {\"quantization\": \"none\"}}", 400, "validation_error", "g4dn"),
                bad("{\"model_name\": \"securemodel/tiny-random-llama\", \"instance_type\": \"g4dn.xlarge\","
                        + " \"min_replicas\": -1}", 400, "validation_error", "min_replicas"));
    }

    static Stream<Arguments> generateBodies() {
        return Stream.of(
                bad("{\"prompt\": \"Hello\", \"max_tokens\": \"ten\"}", 400, "invalid_request_error",
                        "Field 'max_tokens' must be an integer"),
                bad("{\"prompt\": \"Hello\", \"max_tokens\": 10.5}", 400, "invalid_request_error",
                        "Field 'max_tokens' must be an integer"),
                bad("{\"prompt\": 5}", 400, "invalid_request_error", "Field 'prompt' must be a string"),
                bad("{\"prompt\": \"Hello\", \"temperature\": \"hot\"}", 400, "invalid_request_error",
                        "Field 'temperature' must be a number"),
                bad("{\"prompt\": \"Hello\", \"stop\": [\"a\", 1]}", 400, "invalid_request_error",
                        "Field 'stop[1]' must be a string"),
                bad("{\"prompt\": \"Hello\", \"stream\": true}", 400, "invalid_request_error",
                        "Unknown field 'stream'"),
                bad("{\"prompt\": \"Hello\", \"max_tokens\": -1}", 400, "validation_error", "max_tokens"),
                bad("{\"prompt\": \"Hello\", \"temperature\": 7}", 400, "validation_error", "temperature"),
                bad("{\"max_tokens\": 5}", 400, "validation_error", "prompt"));
    }

    static Stream<Arguments> listQueries() {
        return Stream.of(
                bad("limit=0", 400, "validation_error", "limit must be an integer from 1 to 100"),
                bad("limit=101", 400, "validation_error", "limit must be an integer from 1 to 100"),
                bad("limit=ten", 400, "validation_error", "limit must be an integer from 1 to 100"),
                bad("limit=99999999999", 400, "validation_error", "limit"),
                bad("offset=-1", 400, "validation_error", "offset must be an integer of 0 or more"),
                bad("status=sleeping", 400, "validation_error",
                        "status must be one of creating, running, updating, deleting, deleted, failed"),
                bad("tags%5Benv%5D=%zz", 400, "invalid_request_error", "URL encoding"));
    }

    private static Arguments bad(String input, int status, String code, String message) {
        return Arguments.of(input, status, code, message);
    }

    @ParameterizedTest(name = "create {0} -> {1} {2}")
    @MethodSource("createBodies")
    void createDeployment_badBody(String body, int status, String code, String message) {
        expect(ApiEvents.withBody(ApiEvents.load("create-deployment.json"), body), status, code, message);
    }

    @ParameterizedTest(name = "generate {0} -> {1} {2}")
    @MethodSource("generateBodies")
    void generate_badBody(String body, int status, String code, String message) {
        String id = harness.createDeployment();
        harness.provision();

        expect(ApiEvents.withBody(ApiEvents.load("generate.json", "deployment_id", id), body), status, code, message);
    }

    @ParameterizedTest(name = "list ?{0} -> {1} {2}")
    @MethodSource("listQueries")
    void listDeployments_badQuery(String query, int status, String code, String message) {
        APIGatewayV2HTTPEvent event = ApiEvents.load("list-deployments.json");
        event.setRawQueryString(query);

        expect(event, status, code, message);
    }

    @ParameterizedTest(name = "delete ?{0}")
    @MethodSource("forceValues")
    void deleteDeployment_forceMustBeTrueOrFalse(String query) {
        String id = harness.createDeployment();
        APIGatewayV2HTTPEvent event = ApiEvents.load("delete-deployment.json", "deployment_id", id);
        event.setRawQueryString(query);

        expect(event, 400, "validation_error", "force must be true or false");
    }

    static Stream<String> forceValues() {
        return Stream.of("force=yes", "force=1");
    }

    @ParameterizedTest(name = "sample event {0}")
    @MethodSource("badSampleEvents")
    void badSampleEvents_get4xx(String file, int status, String code, String message) {
        String id = harness.createDeployment();
        harness.provision();

        expect(ApiEvents.load(file, "deployment_id", id), status, code, message);
    }

    static Stream<Arguments> badSampleEvents() {
        return Stream.of(
                bad("malformed-json.json", 400, "invalid_request_error", "not valid JSON: it ends too early"),
                bad("wrong-type.json", 400, "invalid_request_error", "Field 'max_tokens' must be an integer"),
                bad("unknown-route.json", 404, "invalid_request_error", "No route GET /v1/foo"),
                bad("method-not-allowed.json", 405, "invalid_request_error", "allowed: GET"),
                bad("missing-auth.json", 401, "authentication_error", ""));
    }

    private void expect(APIGatewayV2HTTPEvent event, int status, String code, String message) {
        APIGatewayV2HTTPResponse response = harness.call(event);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        JsonNode error = harness.body(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(message);
        assertThat(error.path("request_id").asText()).isEqualTo(response.getHeaders().get("X-Request-ID"));
        assertThat(response.getBody()).doesNotContain("Exception", "jackson", "java.", "com.securemodel", "\tat ");
    }
}
