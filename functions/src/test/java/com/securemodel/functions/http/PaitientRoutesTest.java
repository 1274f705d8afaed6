package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.hosting.InvocationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PaiTIENT routes, field by field against the references, over the core services and fakes. */
class PaitientRoutesTest {

    private final HttpApiHarness harness = new HttpApiHarness();

    private JsonNode ok(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = harness.call(event);
        assertThat(response.getStatusCode()).as(response.getBody()).isBetween(200, 201);
        return harness.body(response);
    }

    private APIGatewayV2HTTPEvent list(String rawQuery) {
        APIGatewayV2HTTPEvent event = ApiEvents.load("list-deployments.json");
        event.setRawQueryString(rawQuery);
        event.setQueryStringParameters(null);
        return event;
    }

    private String create(String body) {
        return ok(ApiEvents.withBody(ApiEvents.load("create-deployment.json"), body)).path("id").asText();
    }

    @Test
    void listModels_hasTheReferenceFields() {
        JsonNode models = ok(ApiEvents.load("get-models.json")).path("models");

        JsonNode huatuo = models.get(0);
        assertThat(huatuo.path("id").asText()).isEqualTo("ZimaBlueAI/HuatuoGPT-o1-8B");
        assertThat(fieldNames(huatuo)).containsExactly("id", "name", "version", "description", "parameters",
                "context_length", "supported_fine_tuning");
        assertThat(huatuo.path("parameters").isIntegralNumber()).isTrue();
        assertThat(huatuo.path("supported_fine_tuning").isBoolean()).isTrue();
    }

    @Test
    void createDeployment_answers201WithEveryFieldOfBothReferences() {
        APIGatewayV2HTTPResponse response = harness.call(ApiEvents.load("create-deployment.json"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode d = harness.body(response);
        String id = d.path("id").asText();
        assertThat(id).startsWith("dep_");
        assertThat(d.path("deployment_id").asText()).isEqualTo(id);
        assertThat(d.path("model_name").asText()).isEqualTo("securemodel/tiny-random-llama");
        assertThat(d.path("model_id").asText()).isEqualTo("securemodel/tiny-random-llama");
        assertThat(d.path("deployment_name").asText()).isEqualTo("clinical-assistant");
        assertThat(d.path("status").asText()).isEqualTo("creating");
        assertThat(d.path("endpoint").asText()).isEqualTo(HttpApiHarness.BASE_URL + "/v1/deployments/" + id
                + "/generate");
        assertThat(d.path("compute_type").asText()).isEqualTo("gpu");
        assertThat(d.path("instance_type").asText()).isEqualTo("g4dn.xlarge");
        assertThat(d.path("min_replicas").asInt()).isEqualTo(1);
        assertThat(d.path("max_replicas").asInt()).isEqualTo(3);
        assertThat(d.path("current_replicas").isInt()).isTrue();
        assertThat(d.path("auto_scaling").asBoolean()).isTrue();
        assertThat(d.path("region").asText()).isEqualTo("us-east-1");
        assertThat(d.at("/vpc_config/subnet_ids/1").asText()).isEqualTo("subnet-def456");
        assertThat(d.at("/vpc_config/security_group_ids/0").asText()).isEqualTo("sg-123456");
        assertThat(d.at("/tags/environment").asText()).isEqualTo("production");
        assertThat(d.at("/model_config/context_length").asInt()).isEqualTo(512);
        assertThat(d.at("/model_config/max_output_tokens").asInt()).isEqualTo(64);
        assertThat(d.at("/model_config/default_temperature").asDouble()).isEqualTo(0.7);
        assertThat(d.at("/model_config/default_top_p").asDouble()).isEqualTo(0.95);
        assertThat(d.at("/security_settings/compliance_mode").asText()).isEqualTo("hipaa");
        assertThat(d.at("/security_settings/network_isolation").asBoolean()).isTrue();
        assertThat(d.at("/hosting/precision").asText()).isEqualTo("fp16");
        assertThat(d.at("/hosting/tensor_parallel_degree").asInt()).isEqualTo(1);
        assertThat(d.path("created_at").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(d.path("updated_at").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(d.has("status_reason")).isFalse();
    }

    @Test
    void planDeployment_answersThePlannersChoice_orWhyItCannotFit_andCreatesNothing() {
        APIGatewayV2HTTPEvent base = ApiEvents.at(ApiEvents.load("create-deployment.json"), "POST",
                "/v1/deployments/plan");

        JsonNode fits = ok(ApiEvents.withBody(base, "{\"model_name\": \"ZimaBlueAI/HuatuoGPT-o1-8B\", "
                + "\"instance_type\": \"g4dn.12xlarge\", \"min_replicas\": 1, \"max_replicas\": 2, "
                + "\"auto_scaling\": true, \"model_config\": {\"quantization\": \"none\"}}"));
        JsonNode tooBig = ok(ApiEvents.withBody(base, "{\"model_name\": \"ZimaBlueAI/HuatuoGPT-o1-8B\", "
                + "\"instance_type\": \"g4dn.xlarge\", \"model_config\": {\"quantization\": \"none\"}}"));

        assertThat(fits.path("fits").asBoolean()).as(fits.toString()).isTrue();
        assertThat(fits.path("precision").asText()).isEqualTo("fp16");
        assertThat(fits.path("tensor_parallel_degree").asInt()).isEqualTo(4);
        assertThat(fits.path("estimated_gpu_memory_gib").asDouble()).isPositive()
                .isLessThanOrEqualTo(fits.path("usable_gpu_memory_gib").asDouble());
        assertThat(fits.path("gpu_instances").asInt()).isPositive();
        assertThat(fits.path("reason").asText(null)).isNull();
        assertThat(tooBig.path("fits").asBoolean()).isFalse();
        assertThat(tooBig.path("precision").asText(null)).isNull();
        assertThat(tooBig.path("reason").asText()).contains("g4dn.xlarge");
        assertThat(harness.body(harness.call(ApiEvents.load("list-deployments.json"))).path("deployments"))
                .isEmpty();
    }

    @Test
    void createDeployment_acceptsModelIdAndTheSdksUseGpu() {
        APIGatewayV2HTTPResponse response = harness.call(ApiEvents.withBody(ApiEvents.load("create-deployment.json"),
                "{\"model_id\": \"ZimaBlueAI/HuatuoGPT-o1-8B\", \"deployment_name\": \"sdk\", \"use_gpu\": true,"
                        + " \"instance_type\": \"g4dn.xlarge\"}"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode d = harness.body(response);
        assertThat(d.path("model_name").asText()).isEqualTo("ZimaBlueAI/HuatuoGPT-o1-8B");
        assertThat(d.path("compute_type").asText()).isEqualTo("gpu");
        assertThat(d.at("/hosting/precision").asText()).isIn("int8", "int4");
        assertThat(d.at("/model_config/quantization").asText()).isNotEmpty();
    }

    @Test
    void timestamps_areUtcToTheMillisecond() {
        harness.clock.set(java.time.Instant.parse("2025-03-04T05:06:07.123456789Z"));

        JsonNode d = ok(ApiEvents.load("create-deployment.json"));

        assertThat(d.path("created_at").asText()).isEqualTo("2025-03-04T05:06:07.123Z");
    }

    @Test
    void getDeployment_afterProvisioning_isRunning() {
        String id = harness.createDeployment();
        harness.provision();

        JsonNode d = ok(ApiEvents.load("get-deployment.json", "deployment_id", id));

        assertThat(d.path("id").asText()).isEqualTo(id);
        assertThat(d.path("status").asText()).isEqualTo("running");
        assertThat(d.path("current_replicas").asInt()).isEqualTo(1);
    }

    @Test
    void listDeployments_filtersAndPaginates() {
        String first = harness.createDeployment();
        harness.clock.advance(Duration.ofSeconds(1));
        String second = create("{\"model_name\": \"securemodel/tiny-random-llama\", \"instance_type\": \"g4dn.xlarge\","
                + " \"region\": \"us-east-1\", \"tags\": {\"environment\": \"staging\"}}");
        harness.provision();
        harness.clock.advance(Duration.ofSeconds(1));
        String third = harness.createDeployment();

        JsonNode all = ok(list(""));
        assertThat(ids(all)).containsExactly(third, second, first);
        assertThat(all.at("/pagination/limit").asInt()).isEqualTo(20);
        assertThat(all.at("/pagination/total").asInt()).isEqualTo(3);
        assertThat(all.at("/pagination/next_offset").isNull()).isTrue();

        assertThat(ids(ok(list("status=running")))).containsExactly(second, first);
        assertThat(ids(ok(list("status=creating")))).containsExactly(third);
        assertThat(ids(ok(list("region=us-west-2")))).isEmpty();
        assertThat(ids(ok(list("region=us-east-1")))).containsExactly(third, second, first);
        assertThat(ids(ok(list("model_name=securemodel%2Ftiny-random-llama")))).hasSize(3);
        assertThat(ids(ok(list("model_name=ZimaBlueAI%2FHuatuoGPT-o1-8B")))).isEmpty();
        assertThat(ids(ok(list("tags%5Benvironment%5D=production")))).containsExactly(third, first);
        assertThat(ids(ok(list("tags[environment]=staging&tags[department]=x")))).isEmpty();

        JsonNode page = ok(list("limit=1&offset=1"));
        assertThat(ids(page)).containsExactly(second);
        assertThat(page.path("pagination").toString())
                .isEqualTo("{\"total\":3,\"limit\":1,\"offset\":1,\"next_offset\":2}");
    }

    @Test
    void listDeployments_sampleEventFiltersOnEverything() {
        String id = harness.createDeployment();
        harness.provision();

        JsonNode page = ok(ApiEvents.load("list-deployments.json"));

        assertThat(ids(page)).containsExactly(id);
        assertThat(page.at("/pagination/limit").asInt()).isEqualTo(1);
    }

    @Test
    void updateDeployment_asTheSeedExample_mergesAndAnswersTheDeployment() {
        String id = harness.createDeployment();
        harness.provision();

        JsonNode updated = ok((patchEvent(id, "{\"min_replicas\": 2, \"max_replicas\": 5,"
                + " \"tags\": {\"environment\": \"production\", \"version\": \"2.0\"},"
                + " \"model_config\": {\"default_temperature\": 0.8}}")));

        assertThat(updated.path("min_replicas").asInt()).isEqualTo(2);
        assertThat(updated.path("max_replicas").asInt()).isEqualTo(5);
        assertThat(updated.at("/tags/version").asText()).isEqualTo("2.0");
        assertThat(updated.at("/model_config/default_temperature").asDouble()).isEqualTo(0.8);
        assertThat(updated.path("status").asText()).isIn("running", "updating");
    }

    @Test
    void updateDeployment_withAFieldThatCannotChange_isRefused() {
        String id = harness.createDeployment();
        harness.provision();

        var answer = harness.call(patchEvent(id, "{\"region\": \"eu-west-1\"}"));

        assertThat(answer.getStatusCode()).isEqualTo(400);
    }

    private static APIGatewayV2HTTPEvent patchEvent(String id, String body) {
        APIGatewayV2HTTPEvent get = ApiEvents.load("get-deployment.json", "deployment_id", id);
        return ApiEvents.withHeader(ApiEvents.withBody(ApiEvents.at(get, "PATCH", "/v1/deployments/" + id), body),
                "content-type", "application/json");
    }

    @Test
    void deleteDeployment_answersDeletingThenWorkerDeletes() {
        String id = harness.createDeployment();
        harness.provision();

        JsonNode deleted = ok(ApiEvents.load("delete-deployment.json", "deployment_id", id));

        assertThat(deleted.toString())
                .isEqualTo("{\"id\":\"" + id + "\",\"deployment_id\":\"" + id + "\",\"status\":\"deleting\"}");
        harness.provision();
        assertThat(ok(ApiEvents.load("get-deployment.json", "deployment_id", id)).path("status").asText())
                .isEqualTo("deleted");
    }

    @Test
    void generate_answersTheReferenceShape() {
        String id = harness.createDeployment();
        harness.provision();
        harness.invoker.answer(new InvocationResult("Nausea and diarrhea.", "eos_token", 11, 5));

        JsonNode g = ok(ApiEvents.load("generate.json", "deployment_id", id));

        assertThat(fieldNames(g)).containsExactly("id", "deployment_id", "prompt", "completion", "finish_reason",
                "usage");
        assertThat(g.path("id").asText()).startsWith("gen_");
        assertThat(g.path("deployment_id").asText()).isEqualTo(id);
        assertThat(g.path("prompt").asText()).isEqualTo("What are the potential side effects of metformin?");
        assertThat(g.path("completion").asText()).isEqualTo("Nausea and diarrhea.");
        assertThat(g.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(g.path("usage").toString())
                .isEqualTo("{\"prompt_tokens\":11,\"completion_tokens\":5,\"total_tokens\":16}");
        var sent = harness.invoker.lastCall().request();
        assertThat(sent.maxNewTokens()).isEqualTo(16);
        assertThat(sent.temperature()).isEqualTo(0.7);
        assertThat(sent.topP()).isEqualTo(0.95);
        assertThat(sent.stop()).containsExactly("\n\n");
    }

    @Test
    void generate_acceptsStopAsOneString() {
        String id = harness.createDeployment();
        harness.provision();

        ok(ApiEvents.withBody(ApiEvents.load("generate.json", "deployment_id", id),
                "{\"prompt\": \"Hi\", \"stop\": \"END\"}"));

        assertThat(harness.invoker.lastCall().request().stop()).containsExactly("END");
    }

    @Test
    void generate_onDeploymentStillCreating_isDeploymentError() {
        String id = harness.createDeployment();

        APIGatewayV2HTTPResponse response = harness.call(ApiEvents.load("generate.json", "deployment_id", id));

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(harness.body(response).at("/error/code").asText()).isEqualTo("deployment_error");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("deployments").forEach(d -> ids.add(d.path("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
