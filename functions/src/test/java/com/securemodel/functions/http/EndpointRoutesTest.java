package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/endpoints} and {@code /v1/canary-endpoints} over the core services and fakes: the seed's shapes field
 * by field, every refusal with its code and a message that says what to fix, and tenant isolation.
 */
class EndpointRoutesTest {

    private final HttpApiHarness harness = new HttpApiHarness();
    private final CallFactory.Caller owner = new CallFactory.Caller(HttpApiHarness.CLIENT, HttpApiHarness.KEY);
    private final CallFactory.Caller other = new CallFactory.Caller(HttpApiHarness.OTHER_CLIENT, harness.otherKey);
    private final String first = harness.runningDeployment("a", owner.clientId(), owner.key());
    private final String second = harness.runningDeployment("b", owner.clientId(), owner.key());

    private APIGatewayV2HTTPResponse call(CallFactory.Caller caller, String method, String path, String body) {
        String[] parts = path.split("\\?", 2);
        HttpCall call = new HttpCall(method, parts[0], parts.length > 1 ? parts[1] : "",
                CallFactory.credentials("paitient", caller, false), body);
        return harness.call((body == null ? call : call.addHeader("Content-Type", "application/json")).toEvent());
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body) {
        return call(owner, method, path, body);
    }

    private JsonNode ok(String method, String path, String body) {
        APIGatewayV2HTTPResponse response = call(method, path, body);
        assertThat(response.getStatusCode()).as(method + " " + path + " " + response.getBody()).isBetween(200, 201);
        return harness.body(response);
    }

    /** Asserts PaiTIENT's error shape, its status and code, and returns the message. */
    private String refused(APIGatewayV2HTTPResponse response, int status, String code) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        JsonNode error = harness.body(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("request_id").asText()).startsWith("req_");
        return error.path("message").asText();
    }

    private String endpoint(String name, String deploymentId) {
        return ok("POST", "/v1/endpoints", "{\"name\": \"" + name + "\", \"deployment_id\": \"" + deploymentId
                + "\"}").path("id").asText();
    }

    private String canary(String name, int firstPercentage) {
        return ok("POST", "/v1/canary-endpoints", canaryBody(name, firstPercentage)).path("id").asText();
    }

    private String canaryBody(String name, int firstPercentage) {
        return "{" + (name == null ? "" : "\"name\": \"" + name + "\", ") + "\"deployments\": [{\"id\": \"" + first
                + "\", \"traffic_percentage\": " + firstPercentage + "}, {\"id\": \"" + second
                + "\", \"traffic_percentage\": " + (100 - firstPercentage) + "}]}";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void createEndpoint_answers201InTheSeedsShape_andGetAndListAnswerTheSame() {
        JsonNode created = ok("POST", "/v1/endpoints", "{\"name\": \"clinical-assistant-production\", "
                + "\"deployment_id\": \"" + first + "\"}");

        String id = created.path("id").asText();
        assertThat(id).startsWith("ep_");
        assertThat(fieldNames(created)).containsExactly("id", "name", "deployment_id", "url", "created_at",
                "updated_at", "status");
        assertThat(created.path("name").asText()).isEqualTo("clinical-assistant-production");
        assertThat(created.path("deployment_id").asText()).isEqualTo(first);
        assertThat(created.path("url").asText()).isEqualTo(HttpApiHarness.BASE_URL + "/v1/endpoints/" + id
                + "/generate");
        assertThat(created.path("created_at").asText()).isEqualTo(created.path("updated_at").asText()).endsWith("Z");
        assertThat(created.path("status").asText()).isEqualTo("active");
        assertThat(ok("GET", "/v1/endpoints/" + id, null)).isEqualTo(created);
        JsonNode page = ok("GET", "/v1/endpoints", null);
        assertThat(page.path("endpoints")).containsExactly(created);
        assertThat(page.path("pagination").toString())
                .isEqualTo("{\"total\":1,\"limit\":20,\"offset\":0,\"next_offset\":null}");
    }

    @Test
    void listEndpoints_isNewestFirst_andPagedLikeDeployments() {
        String one = endpoint("one", first);
        harness.clock.advance(java.time.Duration.ofSeconds(1));
        String two = endpoint("two", second);
        canary("not-listed-here", 50);

        JsonNode page = ok("GET", "/v1/endpoints?limit=1", null);
        JsonNode next = ok("GET", "/v1/endpoints?limit=1&offset=1", null);

        assertThat(page.at("/endpoints/0/id").asText()).isEqualTo(two);
        assertThat(page.path("pagination").toString())
                .isEqualTo("{\"total\":2,\"limit\":1,\"offset\":0,\"next_offset\":1}");
        assertThat(next.at("/endpoints/0/id").asText()).isEqualTo(one);
        assertThat(next.at("/pagination/next_offset").isNull()).isTrue();
        assertThat(refused(call("GET", "/v1/endpoints?limit=101", null), 400, "validation_error"))
                .isEqualTo("limit must be an integer from 1 to 100");
    }

    @Test
    void createEndpoint_refusals_sayWhatToFix() {
        endpoint("prod", first);
        String creating = harness.createDeployment();

        assertThat(refused(call("POST", "/v1/endpoints", "{\"name\": \"prod\", \"deployment_id\": \"" + second
                + "\"}"), 409, "validation_error")).contains("named 'prod' already exists");
        assertThat(refused(call("POST", "/v1/endpoints", "{\"deployment_id\": \"" + first + "\"}"), 400,
                "validation_error")).startsWith("name is required");
        assertThat(refused(call("POST", "/v1/endpoints", "{\"name\": \"x\"}"), 400, "validation_error"))
                .startsWith("deployment_id is required");
        assertThat(refused(call("POST", "/v1/endpoints", "{\"name\": \"x\", \"deployment_id\": \"" + creating
                + "\"}"), 409, "deployment_error")).contains(creating + " is creating");
        assertThat(refused(call("POST", "/v1/endpoints", "{\"name\": \"ep_x\", \"deployment_id\": \"" + first
                + "\"}"), 400, "validation_error")).contains("must not start with dep_, ep_ or cep_");
        assertThat(call("POST", "/v1/endpoints", "{\"name\": \"x\", \"deployment_id\": \"" + first
                + "\", \"deployments\": []}").getStatusCode()).isEqualTo(400);
    }

    @Test
    void patchEndpoint_repointsIt_andRefusesANonRunningDeployment() {
        String id = endpoint("prod", first);
        String creating = harness.createDeployment();

        JsonNode moved = ok("PATCH", "/v1/endpoints/" + id, "{\"deployment_id\": \"" + second + "\"}");

        assertThat(moved.path("deployment_id").asText()).isEqualTo(second);
        assertThat(refused(call("PATCH", "/v1/endpoints/" + id, "{\"deployment_id\": \"" + creating + "\"}"), 409,
                "deployment_error")).isEqualTo("deployment_id: deployment " + creating + " is creating; an endpoint "
                + "can point only at a running deployment");
        assertThat(refused(call("PATCH", "/v1/endpoints/" + id, "{\"name\": \"renamed\"}"), 400,
                "invalid_request_error")).contains("name");
        assertThat(ok("GET", "/v1/endpoints/" + id, null).path("deployment_id").asText()).isEqualTo(second);
    }

    @Test
    void deletingADeploymentAnEndpointServes_isRefusedUnlessForced() {
        endpoint("prod", first);
        canary("shadow", 50);

        assertThat(refused(call("DELETE", "/v1/deployments/" + first, null), 409, "deployment_error"))
                .isEqualTo("Deployment " + first + " serves the endpoint(s) 'prod', 'shadow'; repoint or delete them "
                        + "first, or retry with force=true");
        assertThat(ok("DELETE", "/v1/deployments/" + first + "?force=true", null).path("status").asText())
                .isEqualTo("deleting");
    }

    @Test
    void generateOnEndpoint_answersLikeADeploymentsGenerate_andNamesTheDeploymentInAHeader() {
        String id = endpoint("prod", first);

        APIGatewayV2HTTPResponse response = call("POST", "/v1/endpoints/" + id + "/generate",
                "{\"prompt\": \"hi\", \"max_tokens\": 4}");
        JsonNode direct = ok("POST", "/v1/deployments/" + first + "/generate",
                "{\"prompt\": \"hi\", \"max_tokens\": 4}");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("X-Deployment-ID", first);
        JsonNode generated = harness.body(response);
        assertThat(fieldNames(generated)).isEqualTo(fieldNames(direct));
        assertThat(generated.path("deployment_id").asText()).isEqualTo(first);
    }

    @Test
    void deleteEndpoint_answersWhatWasDeleted_thenItIsGoneAndItsNameFree() {
        String id = endpoint("prod", first);

        JsonNode deleted = ok("DELETE", "/v1/endpoints/" + id, null);

        assertThat(deleted.toString()).isEqualTo("{\"id\":\"" + id + "\",\"name\":\"prod\",\"status\":\"deleted\"}");
        refused(call("GET", "/v1/endpoints/" + id, null), 404, "resource_not_found");
        refused(call("POST", "/v1/endpoints/" + id + "/generate", "{\"prompt\": \"hi\"}"), 404, "resource_not_found");
        refused(call("DELETE", "/v1/endpoints/" + id, null), 404, "resource_not_found");
        assertThat(endpoint("prod", second)).isNotEqualTo(id);
    }

    @Test
    void createCanary_answers201InTheSeedsShape_withTheEndpointsGenerateUrl() {
        JsonNode created = ok("POST", "/v1/canary-endpoints", canaryBody("clinical-assistant-canary", 90));

        String id = created.path("id").asText();
        assertThat(id).startsWith("cep_");
        assertThat(fieldNames(created)).containsExactly("id", "name", "deployments", "url", "created_at",
                "updated_at", "status");
        assertThat(created.path("deployments").toString()).isEqualTo("[{\"id\":\"" + first
                + "\",\"traffic_percentage\":90},{\"id\":\"" + second + "\",\"traffic_percentage\":10}]");
        assertThat(created.path("url").asText()).isEqualTo(HttpApiHarness.BASE_URL + "/v1/endpoints/" + id
                + "/generate");
        assertThat(created.path("status").asText()).isEqualTo("active");
        assertThat(ok("GET", "/v1/canary-endpoints/" + id, null)).isEqualTo(created);
        assertThat(ok("GET", "/v1/canary-endpoints", null).path("canary_endpoints")).containsExactly(created);
        assertThat(ok("GET", "/v1/endpoints", null).path("endpoints")).isEmpty();
        refused(call("GET", "/v1/endpoints/" + id, null), 404, "resource_not_found");
    }

    @Test
    void patchCanary_shiftsTheSplit_andDeleteRemovesIt() {
        String id = canary("canary", 90);

        JsonNode shifted = ok("PATCH", "/v1/canary-endpoints/" + id, "{\"deployments\": [{\"id\": \"" + first
                + "\", \"traffic_percentage\": 50}, {\"id\": \"" + second + "\", \"traffic_percentage\": 50}]}");

        assertThat(shifted.at("/deployments/0/traffic_percentage").asInt()).isEqualTo(50);
        assertThat(shifted.at("/deployments/1/traffic_percentage").asInt()).isEqualTo(50);
        assertThat(ok("DELETE", "/v1/canary-endpoints/" + id, null).path("status").asText()).isEqualTo("deleted");
        refused(call("GET", "/v1/canary-endpoints/" + id, null), 404, "resource_not_found");
    }

    @Test
    void createCanary_refusals_sayWhatToFix() {
        String creating = harness.createDeployment();
        String badSum = "{\"name\": \"c\", \"deployments\": [{\"id\": \"" + first + "\", \"traffic_percentage\": 90},"
                + " {\"id\": \"" + second + "\", \"traffic_percentage\": 20}]}";

        assertThat(refused(call("POST", "/v1/canary-endpoints", badSum), 400, "validation_error"))
                .isEqualTo("deployments[].traffic_percentage must sum to 100, not 110");
        assertThat(refused(call("POST", "/v1/canary-endpoints", "{\"name\": \"c\", \"deployments\": [{\"id\": \""
                + first + "\", \"traffic_percentage\": 100}]}"), 400, "validation_error")).contains("2 to 10");
        assertThat(refused(call("POST", "/v1/canary-endpoints", "{\"name\": \"c\", \"deployments\": [{\"id\": \""
                + first + "\"}, {\"id\": \"" + second + "\", \"traffic_percentage\": 100}]}"), 400,
                "validation_error"))
                .isEqualTo("deployments[0].traffic_percentage is required: an integer from 0 to 100");
        assertThat(call("POST", "/v1/canary-endpoints", badSum.replace("90", "89.5")).getStatusCode()).isEqualTo(400);
        assertThat(refused(call("POST", "/v1/canary-endpoints", "{\"name\": \"c\", \"deployments\": [{\"id\": \""
                + first + "\", \"traffic_percentage\": 50}, {\"id\": \"" + creating
                + "\", \"traffic_percentage\": 50}]}"),
                409, "deployment_error")).startsWith("deployments[1].id: deployment " + creating + " is creating");
        assertThat(refused(call("POST", "/v1/canary-endpoints", canaryBody(null, 50)), 400, "validation_error"))
                .startsWith("name is required");
    }

    @Test
    void generateOnCanary_splitsByWeight_namesTheServingDeployment_andAStickyKeyStaysOnOneSide() {
        String id = canary("canary", 70);
        Map<String, Integer> served = new HashMap<>();

        for (int i = 0; i < 1_000; i++) {
            APIGatewayV2HTTPResponse response = call("POST", "/v1/endpoints/" + id + "/generate",
                    "{\"prompt\": \"hi\", \"max_tokens\": 1}");
            assertThat(response.getStatusCode()).isEqualTo(200);
            String header = response.getHeaders().get("X-Deployment-ID");
            assertThat(harness.body(response).path("deployment_id").asText()).isEqualTo(header);
            served.merge(header, 1, Integer::sum);
        }

        assertThat(served.get(first) / 10.0).isBetween(60.0, 80.0);
        assertThat(served.get(second) / 10.0).isBetween(20.0, 40.0);
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            HttpCall sticky = new HttpCall("POST", "/v1/endpoints/" + id + "/generate", "",
                    CallFactory.credentials("paitient", owner, false), "{\"prompt\": \"hi\", \"max_tokens\": 1}")
                    .addHeader("Content-Type", "application/json").addHeader("X-Sticky-Key", user);
            String side = harness.call(sticky.toEvent()).getHeaders().get("X-Deployment-ID");
            for (int i = 0; i < 20; i++) {
                assertThat(harness.call(sticky.toEvent()).getHeaders().get("X-Deployment-ID")).isEqualTo(side);
            }
        }
    }

    @Test
    void canaryMetrics_showEachDeploymentsSummarySideBySide() {
        String id = canary("canary", 50);
        for (int i = 0; i < 20; i++) {
            ok("POST", "/v1/endpoints/" + id + "/generate", "{\"prompt\": \"hi\", \"max_tokens\": 1}");
        }
        harness.usage.flush();

        JsonNode metrics = ok("GET", "/v1/canary-endpoints/" + id + "/metrics?metrics=throughput,error_rate", null);

        assertThat(fieldNames(metrics)).containsExactly("id", "name", "start_time", "end_time", "interval",
                "deployments");
        assertThat(metrics.at("/deployments/0/id").asText()).isEqualTo(first);
        assertThat(metrics.at("/deployments/1/id").asText()).isEqualTo(second);
        assertThat(metrics.at("/deployments/0/traffic_percentage").asInt()).isEqualTo(50);
        int requests = metrics.at("/deployments/0/summary/throughput/requests").asInt()
                + metrics.at("/deployments/1/summary/throughput/requests").asInt();
        assertThat(requests).isEqualTo(20);
        assertThat(fieldNames(metrics.at("/deployments/0/metrics"))).containsExactly("throughput", "error_rate");
        assertThat(metrics.at("/deployments/1/summary/error_rate/average_percentage").asDouble()).isZero();
    }

    @Test
    void openAiModel_namesAnEndpointOrACanary_andTheAnswerNamesTheDeployment() {
        String id = endpoint("prod", second);
        canary("canary", 0);

        for (String model : List.of("prod", id, "canary")) {
            HttpCall chat = new HttpCall("POST", "/v1/chat/completions", "", CallFactory.credentials("openai", owner,
                    false), "{\"model\": \"" + model + "\", \"user\": \"u1\", \"messages\": [{\"role\": \"user\", "
                    + "\"content\": \"hi\"}], \"max_tokens\": 2}").addHeader("Content-Type", "application/json");
            APIGatewayV2HTTPResponse response = harness.call(chat.toEvent());
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            assertThat(response.getHeaders()).containsEntry("X-Deployment-ID", second);
            assertThat(harness.body(response).path("model").asText()).isEqualTo(model);
        }
    }

    @Test
    void openAiModelList_namesTheEndpointsAndCanaries_ofTheCallerOnly() {
        endpoint("prod", second);
        canary("canary", 50);

        JsonNode mine = harness.body(harness.call(new HttpCall("GET", "/v1/models", "", CallFactory.credentials(
                "openai", owner, false), null).toEvent()));
        JsonNode theirs = harness.body(harness.call(new HttpCall("GET", "/v1/models", "", CallFactory.credentials(
                "openai", other, false), null).toEvent()));

        assertThat(mine.findValuesAsText("id")).contains("prod", "canary");
        assertThat(theirs.findValuesAsText("id")).doesNotContain("prod", "canary");
    }

    @Test
    void anotherClient_findsNoneOfTheOwnersEndpoints_andCannotPointAtTheOwnersDeployments() {
        String id = endpoint("prod", first);
        String cep = canary("canary", 50);

        for (String[] route : new String[][] {{"GET", "/v1/endpoints/" + id}, {"DELETE", "/v1/endpoints/" + id},
                {"GET", "/v1/canary-endpoints/" + cep}, {"DELETE", "/v1/canary-endpoints/" + cep},
                {"GET", "/v1/canary-endpoints/" + cep + "/metrics"}}) {
            refused(call(other, route[0], route[1], null), 404, "resource_not_found");
        }
        refused(call(other, "PATCH", "/v1/endpoints/" + id, "{\"deployment_id\": \"" + first + "\"}"), 404,
                "resource_not_found");
        refused(call(other, "POST", "/v1/endpoints/" + cep + "/generate", "{\"prompt\": \"hi\"}"), 404,
                "resource_not_found");
        assertThat(refused(call(other, "POST", "/v1/endpoints", "{\"name\": \"mine\", \"deployment_id\": \"" + first
                + "\"}"), 404, "resource_not_found")).isEqualTo("deployment_id: no deployment " + first
                + " for this client (GET /v1/deployments lists yours)");
        assertThat(harness.body(call(other, "GET", "/v1/endpoints", null)).path("endpoints")).isEmpty();
        assertThat(harness.body(call(other, "GET", "/v1/canary-endpoints", null)).path("canary_endpoints")).isEmpty();
        HttpCall chat = new HttpCall("POST", "/v1/chat/completions", "", CallFactory.credentials("openai", other,
                false), "{\"model\": \"prod\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                .addHeader("Content-Type", "application/json");
        assertThat(harness.call(chat.toEvent()).getStatusCode()).isEqualTo(404);
        assertThat(ok("GET", "/v1/endpoints/" + id, null).path("deployment_id").asText()).isEqualTo(first);
    }
}
