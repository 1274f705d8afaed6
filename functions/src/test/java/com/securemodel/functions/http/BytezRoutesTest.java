package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.hosting.InvocationResult;
import com.securemodel.core.model.ModelRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Bytez routes through the HTTP function over the real core services and fakes of the ports: bodies and answers
 * as the reference and bytez.js have them, the error shape, params refused by name, plain-text streams, and tenant
 * isolation on every route.
 */
class BytezRoutesTest {

    private static final String TINY = ModelRegistry.TINY_TEST_MODEL;

    private final HttpApiHarness harness = new HttpApiHarness();

    @BeforeEach
    void tinyLoadedAndRunning() {
        var loaded = call("POST", "/model/load", "{\"model\": \"" + TINY + "\", \"concurrency\": 1, "
                + "\"expirationPeriodSeconds\": 300}", HttpApiHarness.KEY);
        assertThat(loaded.getStatusCode()).as(loaded.getBody()).isEqualTo(200);
        harness.provision();
        harness.invoker.answer(new InvocationResult(" there was a dragon", "length", 4, 5));
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String key) {
        APIGatewayV2HTTPEvent event = ApiEvents.at(ApiEvents.load("bytez-run.json", "model", TINY), method, path);
        event = body == null ? ApiEvents.withBody(event, "") : ApiEvents.withBody(event, body);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("authorization", "Key " + key);
        event.setHeaders(headers);
        return harness.call(event);
    }

    private JsonNode json(APIGatewayV2HTTPResponse response) {
        return harness.body(response);
    }

    @Test
    void load_answersAsTheReference_andAgainAnswers409AlreadyLoaded() {
        var again = call("POST", "/model/load", "{\"model\": \"" + TINY + "\"}", HttpApiHarness.KEY);

        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(json(again).path("error").asText()).contains("already loaded");
        assertThat(json(again).size()).isEqualTo(1);
    }

    @Test
    void status_isRunning_withTheReferenceFields() {
        JsonNode status = json(call("POST", "/model/status", "{\"model\": \"" + TINY + "\"}", HttpApiHarness.KEY));

        assertThat(status.path("status").asText()).isEqualTo("RUNNING");
        assertThat(status.path("expirationPeriodSeconds").asLong()).isEqualTo(300);
        assertThat(status.path("expirationPeriodMinutes").asLong()).isEqualTo(5);
        assertThat(status.path("expiresAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(status.fieldNames()).toIterable().containsExactly("model", "status", "concurrency", "inferences",
                "expirationPeriodSeconds", "expirationPeriodMinutes", "expiresAt", "created", "modified");
    }

    @Test
    void run_withBytezJsBody_answersOutput_countsAnInference_andRecordsUsage() {
        var response = harness.call(ApiEvents.load("bytez-run.json", "model", TINY));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(json(response).path("output").asText()).isEqualTo("Once upon a time there was a dragon");
        assertThat(harness.invoker.lastCall().request().maxNewTokens()).isEqualTo(8);
        assertThat(json(call("POST", "/model/status", "{\"model\": \"" + TINY + "\"}", HttpApiHarness.KEY))
                .path("inferences").asLong()).isEqualTo(1);
        harness.usage.flush();
        assertThat(harness.usageStore.added()).isNotEmpty();
    }

    @Test
    void run_chatInput_goesThroughTheChatTemplate_andParamsMapToTheContainer() {
        var response = call("POST", "/model/run", "{\"model\": \"" + TINY + "\", \"input\": [{\"role\": \"user\", "
                + "\"content\": \"Hi\"}], \"params\": {\"max_length\": 12, \"do_sample\": false, \"top_k\": 5, "
                + "\"repetition_penalty\": 1.1, \"stop\": \"\\n\", \"seed\": 7}, \"stream\": false}",
                HttpApiHarness.KEY);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(json(response).at("/output/role").asText()).isEqualTo("assistant");
        var sent = harness.invoker.lastCall().request();
        assertThat(sent.messages()).hasSize(1);
        assertThat(sent.maxNewTokens()).isEqualTo(12);
        assertThat(sent.temperature()).isEqualTo(0.0);
        assertThat(sent.topK()).isEqualTo(5);
        assertThat(sent.stop()).containsExactly("\n");
        assertThat(sent.seed()).isEqualTo(7L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"min_length\": 30", "\"min_new_tokens\": 5", "\"num_beams\": 4"})
    void run_withAParamTheBackendCannotHonour_is400NamingIt(String param) {
        var response = call("POST", "/model/run", "{\"model\": \"" + TINY + "\", \"input\": \"x\", \"params\": {"
                + param + "}}", HttpApiHarness.KEY);

        assertThat(response.getStatusCode()).isEqualTo(400);
        String name = param.substring(1, param.indexOf('"', 1));
        assertThat(json(response).path("error").asText()).contains("params." + name);
    }

    @Test
    void run_streamed_isPlainText() {
        var response = call("POST", "/model/run", "{\"model\": \"" + TINY + "\", \"input\": \"Once\", "
                + "\"stream\": true, \"params\": {}}", HttpApiHarness.KEY);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/plain");
        assertThat(response.getBody()).isEqualTo("Once there was a dragon");
    }

    @Test
    void instancesAndDelete_answerStatusFields_andOneStateWithDeployments() {
        JsonNode instances = json(call("GET", "/model/instances", null, HttpApiHarness.KEY));
        assertThat(instances).hasSize(1);
        assertThat(instances.get(0).path("model").asText()).isEqualTo(TINY);
        assertThat(harness.store.list(new com.securemodel.core.tenant.ClientId(HttpApiHarness.CLIENT)))
                .singleElement().satisfies(d -> assertThat(d.tags()).containsEntry("created-by", "bytez"));

        JsonNode deleted = json(call("POST", "/model/delete", "{\"model\": \"" + TINY + "\"}", HttpApiHarness.KEY));

        assertThat(deleted.path("status").asText()).isEqualTo("STOPPED");
        assertThat(harness.store.list(new com.securemodel.core.tenant.ClientId(HttpApiHarness.CLIENT)).getFirst()
                .status()).isEqualTo(DeploymentStatus.DELETING);
        assertThat(json(call("GET", "/model/instances", null, HttpApiHarness.KEY))).isEmpty();
    }

    @Test
    void job_firstQueues_thenSaysQueued_withTheReferenceFields() {
        JsonNode first = json(call("POST", "/model/job", "{\"model\": \"openai-community/gpt2\"}",
                HttpApiHarness.KEY));
        assertThat(first.fieldNames()).toIterable().containsExactly("model", "success", "modified");

        JsonNode again = json(call("POST", "/model/job", "{\"model\": \"openai-community/gpt2\"}",
                HttpApiHarness.KEY));
        assertThat(again.path("message").asText()).isEqualTo("Model is already queued");
        assertThat(again.has("startTime")).isTrue();
        assertThat(again.path("startTime").isNull()).isTrue();

        harness.jobService.handle(harness.jobQueue.sent().getFirst());
        JsonNode failed = json(call("POST", "/model/job", "{\"model\": \"openai-community/gpt2\"}",
                HttpApiHarness.KEY));
        assertThat(failed.path("success").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).contains("no GGUF file");
    }

    @Test
    void list_answersNameRequiredRamBenchmarked_andFiltersByTask() {
        JsonNode all = json(call("GET", "/model/list", null, HttpApiHarness.KEY));
        assertThat(all.findValuesAsText("name")).contains(TINY);
        assertThat(all.get(0).fieldNames()).toIterable().containsExactly("name", "requiredRAM", "benchmarked");

        var event = ApiEvents.withBody(ApiEvents.at(ApiEvents.load("bytez-run.json", "model", TINY), "GET",
                "/model/list"), "");
        event.setRawQueryString("task=summarization");
        assertThat(json(harness.call(event))).isEmpty();
    }

    @Test
    void anotherClient_cannotSeeOrTouchTheInstance_onAnyRoute() {
        String other = harness.otherKey;
        String model = "{\"model\": \"" + TINY + "\"}";
        for (String path : new String[] {"/model/status", "/model/delete"}) {
            var response = call("POST", path, model, other);
            assertThat(response.getStatusCode()).as(path).isEqualTo(404);
            assertThat(json(response).path("error").asText()).contains("not loaded");
        }
        assertThat(call("POST", "/model/run", "{\"model\": \"" + TINY + "\", \"input\": \"x\"}", other)
                .getStatusCode()).isEqualTo(404);
        assertThat(json(call("GET", "/model/instances", null, other))).isEmpty();
        assertThat(call("POST", "/model/load", model, other).getStatusCode()).as("its own load").isEqualTo(200);
        assertThat(json(call("POST", "/model/status", model, HttpApiHarness.KEY)).path("status").asText())
                .isEqualTo("RUNNING");
    }

    @Test
    void errors_areBytezShaped_forAuthUnknownRoutesAndBadBodies() {
        var noKey = call("GET", "/model/instances", null, "sk-wrong");
        assertThat(noKey.getStatusCode()).isEqualTo(401);
        assertThat(json(noKey).path("error").isTextual()).isTrue();

        var unknown = call("POST", "/model/unknown", "{}", HttpApiHarness.KEY);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").isTextual()).isTrue();

        var wrongMethod = call("GET", "/model/run", null, HttpApiHarness.KEY);
        assertThat(wrongMethod.getStatusCode()).isEqualTo(405);

        var unknownField = call("POST", "/model/load", "{\"model\": \"" + TINY + "\", \"timeout\": 5}",
                HttpApiHarness.KEY);
        assertThat(unknownField.getStatusCode()).isEqualTo(400);
        assertThat(json(unknownField).path("error").asText()).contains("timeout");
    }

    @Test
    void list_saysBenchmarked_onceARunOfTheModelWasMeasured() {
        JsonNode before = json(call("GET", "/model/list", null, HttpApiHarness.KEY));
        harness.invoker.answer(new InvocationResult(" a long enough answer to measure", "length", 4, 16));

        call("POST", "/model/run", "{\"model\": \"" + TINY + "\", \"input\": \"Once\"}", HttpApiHarness.KEY);
        JsonNode after = json(call("GET", "/model/list", null, HttpApiHarness.KEY));

        assertThat(benchmarked(before)).isFalse();
        assertThat(benchmarked(after)).isTrue();
        assertThat(harness.catalog.benchmark(TINY)).hasValueSatisfying(b -> {
            assertThat(b.tokensPerSecond()).isPositive();
            assertThat(b.gpuMemoryGib()).isPositive();
            assertThat(b.instanceType()).isEqualTo("g4dn.xlarge");
        });
    }

    private static boolean benchmarked(JsonNode list) {
        for (JsonNode model : list) {
            if (TINY.equals(model.path("name").asText())) {
                return model.path("benchmarked").asBoolean();
            }
        }
        throw new AssertionError("the tiny model is not listed");
    }
}
