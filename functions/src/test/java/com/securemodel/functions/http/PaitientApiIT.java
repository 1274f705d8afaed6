package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The PaiTIENT API through the local web server with a real HTTP client, end to end on the local cloud: the
 * worker provisions on the SageMaker emulator through the queue, and generate runs llama.cpp on the tiny model.
 * Each test uses a client of its own, so lists see only its deployments.
 */
class PaitientApiIT extends LocalModeTestSupport {

    private static final String TINY = "securemodel/tiny-random-llama";
    private static final Duration PROVISIONING = Duration.ofSeconds(60);

    @Autowired
    Authenticator authenticator;

    private ApiClient api;

    @BeforeEach
    void newClient() {
        String client = "it-" + UUID.randomUUID().toString().substring(0, 8);
        api = new ApiClient(baseUrl(), client, authenticator.issue(new ClientId(client)));
    }

    private String create(String name, String region, String environment) {
        ApiClient.Answer created = api.post("/v1/deployments", """
                {"model_name": "%s", "deployment_name": "%s", "instance_type": "g4dn.xlarge", "region": "%s",
                 "tags": {"environment": "%s"}, "model_config": {"context_length": 512, "max_output_tokens": 32}}
                """.formatted(TINY, name, region, environment));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("creating");
        return created.json().path("id").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        JsonNode latest = api.pollUntil("/v1/deployments/" + id, d -> d.path("status").asText().equals(status)
                || d.path("status").asText().equals("failed"), PROVISIONING);
        assertThat(latest.path("status").asText()).as(latest.toString()).isEqualTo(status);
        return latest;
    }

    @Test
    void create_provision_generate_list_delete() {
        // given: two running deployments of the tiny model
        String first = create("first", "us-east-1", "production");
        String second = create("second", "us-east-1", "staging");
        JsonNode running = awaitStatus(first, "running");
        awaitStatus(second, "running");
        assertThat(running.path("endpoint").asText()).isEqualTo(baseUrl() + "/v1/deployments/" + first + "/generate");
        assertThat(running.path("current_replicas").asInt()).isEqualTo(1);

        // when: generate on real llama.cpp
        ApiClient.Answer generated = api.post("/v1/deployments/" + first + "/generate",
                "{\"prompt\": \"Once upon a time\", \"max_tokens\": 8, \"temperature\": 0.7, \"stop\": \"\\n\\n\"}");

        // then
        assertThat(generated.status()).as(generated.raw().body()).isEqualTo(200);
        JsonNode g = generated.json();
        assertThat(g.path("id").asText()).startsWith("gen_");
        assertThat(g.path("deployment_id").asText()).isEqualTo(first);
        assertThat(g.path("prompt").asText()).isEqualTo("Once upon a time");
        assertThat(g.path("completion").asText()).isNotEmpty();
        assertThat(g.path("finish_reason").asText()).isIn("stop", "length");
        assertThat(g.at("/usage/prompt_tokens").asInt()).isPositive();
        assertThat(g.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(g.at("/usage/total_tokens").asInt())
                .isEqualTo(g.at("/usage/prompt_tokens").asInt() + g.at("/usage/completion_tokens").asInt());
        assertThat(generated.header("X-Request-ID")).startsWith("req_");

        // list: each filter, then pagination
        assertThat(ids("")).containsExactly(second, first);
        assertThat(ids("?status=running")).containsExactly(second, first);
        assertThat(ids("?status=creating")).isEmpty();
        assertThat(ids("?model_name=securemodel%2Ftiny-random-llama")).containsExactly(second, first);
        assertThat(ids("?model_name=ZimaBlueAI%2FHuatuoGPT-o1-8B")).isEmpty();
        assertThat(ids("?region=us-west-2")).isEmpty();
        assertThat(ids("?region=us-east-1")).containsExactly(second, first);
        assertThat(ids("?tags%5Benvironment%5D=production")).containsExactly(first);
        assertThat(ids("?tags[environment]=staging")).containsExactly(second);
        JsonNode page = api.get("/v1/deployments?limit=1").json();
        assertThat(page.path("deployments")).hasSize(1);
        assertThat(page.path("pagination").toString())
                .isEqualTo("{\"total\":2,\"limit\":1,\"offset\":0,\"next_offset\":1}");
        JsonNode last = api.get("/v1/deployments?limit=1&offset=1").json();
        assertThat(last.at("/deployments/0/id").asText()).isEqualTo(first);
        assertThat(last.at("/pagination/next_offset").isNull()).isTrue();

        // delete: deleting, then eventually deleted
        ApiClient.Answer deleted = api.delete("/v1/deployments/" + first + "?force=false");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().toString())
                .isEqualTo("{\"id\":\"" + first + "\",\"deployment_id\":\"" + first + "\",\"status\":\"deleting\"}");
        awaitStatus(first, "deleted");
        assertThat(api.delete("/v1/deployments/" + second + "?force=true").status()).isEqualTo(200);
        awaitStatus(second, "deleted");
    }

    @Test
    void deploymentWithDefaultTemperatureZero_generatesGreedily() {
        ApiClient.Answer created = api.post("/v1/deployments", """
                {"model_name": "%s", "deployment_name": "greedy", "instance_type": "g4dn.xlarge",
                 "model_config": {"max_output_tokens": 16, "default_temperature": 0}}""".formatted(TINY));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        awaitStatus(id, "running");

        ApiClient.Answer first = api.post("/v1/deployments/" + id + "/generate", "{\"prompt\": \"Once upon\"}");
        ApiClient.Answer second = api.post("/v1/deployments/" + id + "/generate", "{\"prompt\": \"Once upon\"}");

        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.json().path("completion").asText()).isNotEmpty()
                .isEqualTo(second.json().path("completion").asText());
    }

    @Test
    void modelWithoutGgufFile_endsFailed_withTheReason() {
        ApiClient.Answer created = api.post("/v1/deployments", """
                {"model_name": "ZimaBlueAI/HuatuoGPT-o1-8B", "deployment_name": "no-file",
                 "instance_type": "g4dn.xlarge"}
                """);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().path("id").asText();

        JsonNode failed = awaitStatus(id, "failed");

        assertThat(failed.path("status_reason").asText()).containsIgnoringCase(".gguf");
    }

    @Test
    void secondClient_cannotSeeOrTouchTheFirstClientsDeployment() {
        String id = create("private", "us-east-1", "production");
        awaitStatus(id, "running");
        String other = "it-other-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient intruder = new ApiClient(baseUrl(), other, authenticator.issue(new ClientId(other)));

        List<ApiClient.Answer> answers = List.of(intruder.get("/v1/deployments/" + id),
                intruder.post("/v1/deployments/" + id + "/generate", "{\"prompt\": \"hi\"}"),
                intruder.delete("/v1/deployments/" + id));

        for (ApiClient.Answer answer : answers) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().at("/error/code").asText()).isEqualTo("resource_not_found");
        }
        assertThat(intruder.get("/v1/deployments").json().path("deployments")).isEmpty();
        assertThat(api.get("/v1/deployments/" + id).json().path("status").asText()).isEqualTo("running");
        api.delete("/v1/deployments/" + id);
    }

    @Test
    void badInputs_overHttp_get4xxJson() {
        assertThat(api.post("/v1/deployments", "{\"model_name\": ").status()).isEqualTo(400);
        assertThat(api.post("/v1/deployments", "{\"min_replicas\": 1.5}").json().at("/error/message").asText())
                .isEqualTo("Field 'min_replicas' must be an integer");
        assertThat(api.get("/v1/deployments?limit=101").json().at("/error/code").asText())
                .isEqualTo("validation_error");
        ApiClient.Answer tooBig = api.post("/v1/deployments", "{\"a\": \"" + "x".repeat(2 << 20) + "\"}");
        assertThat(tooBig.status()).isEqualTo(413);
        ApiClient.Answer unknown = api.get("/v1/foo");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/message").asText()).isEqualTo("No route GET /v1/foo");
        ApiClient.Answer notAllowed = api.send("PUT", "/v1/models", "{}");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.header("Allow")).isEqualTo("GET");
        ApiClient.Answer anonymous = new ApiClient(baseUrl(), null, null).get("/v1/models");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).isEqualTo("application/json");
        assertThat(new ApiClient(baseUrl(), null, null).get("/health").json().path("status").asText())
                .isEqualTo("ok");
    }

    private List<String> ids(String query) {
        ApiClient.Answer answer = api.get("/v1/deployments" + query);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().path("deployments").forEach(d -> ids.add(d.path("id").asText()));
        return ids;
    }
}
