package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.functions.LocalModeTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Endpoints and canary endpoints through the local web server, on two running deployments of the tiny model
 * (provisioned by the worker on the SageMaker emulator, generating with llama.cpp), with the state in DynamoDB Local:
 * a repoint under load where no call fails, a canary's split over real calls, stickiness, the OpenAI SDK calling an
 * endpoint by name, and a canary's metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointsApiIT extends LocalModeTestSupport {

    private static final String TINY = "securemodel/tiny-random-llama";
    private static final String GENERATE = "{\"prompt\": \"Once upon a time\", \"max_tokens\": 2}";

    @Autowired
    Authenticator authenticator;
    @Autowired
    UsageRecorder usage;

    private String key;
    private ApiClient api;
    private String first;
    private String second;

    @BeforeAll
    void twoRunningDeployments() {
        String client = "ep-" + UUID.randomUUID().toString().substring(0, 8);
        key = authenticator.issue(new ClientId(client));
        api = new ApiClient(baseUrl(), client, key);
        first = create("blue");
        second = create("green");
        awaitRunning(first);
        awaitRunning(second);
    }

    private String create(String name) {
        ApiClient.Answer created = api.post("/v1/deployments", """
                {"model_name": "%s", "deployment_name": "%s", "instance_type": "g4dn.xlarge",
                 "model_config": {"context_length": 512, "max_output_tokens": 8}}""".formatted(TINY, name));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private void awaitRunning(String id) {
        JsonNode latest = api.pollUntil("/v1/deployments/" + id, d -> List.of("running", "failed")
                .contains(d.path("status").asText()), Duration.ofSeconds(90));
        assertThat(latest.path("status").asText()).as(latest.toString()).isEqualTo("running");
    }

    private JsonNode created(String path, String body) {
        ApiClient.Answer answer = api.post(path, body);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.json();
    }

    private String canaryBody(String name, int firstPercentage) {
        return "{\"name\": \"" + name + "\", \"deployments\": [{\"id\": \"" + first + "\", \"traffic_percentage\": "
                + firstPercentage + "}, {\"id\": \"" + second + "\", \"traffic_percentage\": " + (100 - firstPercentage)
                + "}]}";
    }

    @Test
    void endpoint_generatesOnItsDeployment_andARepointUnderLoadFailsNoCall() throws Exception {
        JsonNode endpoint = created("/v1/endpoints", "{\"name\": \"story-prod\", \"deployment_id\": \"" + first
                + "\"}");
        String id = endpoint.path("id").asText();
        assertThat(endpoint.path("url").asText()).isEqualTo(baseUrl() + "/v1/endpoints/" + id + "/generate");
        assertThat(api.get("/v1/endpoints/" + id).json()).isEqualTo(endpoint);

        ApiClient.Answer generated = api.post("/v1/endpoints/" + id + "/generate", GENERATE);
        assertThat(generated.status()).as(generated.raw().body()).isEqualTo(200);
        assertThat(generated.json().path("completion").asText()).isNotEmpty();
        assertThat(generated.json().path("deployment_id").asText()).isEqualTo(first);
        assertThat(generated.header("X-Deployment-ID")).isEqualTo(first);

        // several threads generate through the endpoint while it is repointed back and forth
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean switching = new AtomicBoolean(true);
        CountDownLatch everyThreadCalled = new CountDownLatch(threads);
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                boolean counted = false;
                while (switching.get() || !counted) {
                    ApiClient.Answer answer = api.post("/v1/endpoints/" + id + "/generate", GENERATE);
                    answers.add(answer.status() + " " + answer.header("X-Deployment-ID"));
                    if (!counted) {
                        everyThreadCalled.countDown();
                        counted = true;
                    }
                }
                return null;
            }));
        }
        everyThreadCalled.await();
        List<String> targets = List.of(second, first, second);
        for (String target : targets) {
            int before = answers.size();
            ApiClient.Answer patched = api.send("PATCH", "/v1/endpoints/" + id, "{\"deployment_id\": \"" + target
                    + "\"}");
            assertThat(patched.status()).as(patched.raw().body()).isEqualTo(200);
            assertThat(patched.json().path("deployment_id").asText()).isEqualTo(target);
            while (answers.size() < before + threads && workers.stream().noneMatch(Future::isDone)) {
                Thread.sleep(5); // let calls run on each side of the switch (a worker that threw ends the wait)
            }
        }
        switching.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        assertThat(answers).hasSizeGreaterThanOrEqualTo(threads * (targets.size() + 1));
        assertThat(answers).as("every call during the switches").allMatch(a -> a.startsWith("200 "));
        assertThat(answers).anyMatch(a -> a.endsWith(first)).anyMatch(a -> a.endsWith(second));
        ApiClient.Answer after = api.post("/v1/endpoints/" + id + "/generate", GENERATE);
        assertThat(after.header("X-Deployment-ID")).as("a call after the last PATCH answered").isEqualTo(second);
        assertThat(api.delete("/v1/endpoints/" + id).json().path("status").asText()).isEqualTo("deleted");
        assertThat(api.get("/v1/endpoints/" + id).status()).isEqualTo(404);
    }

    @Test
    void canary_splitsRealCallsByWeight_keepsAStickyUserOnOneSide_andShowsMetricsSideBySide() {
        JsonNode canary = created("/v1/canary-endpoints", canaryBody("story-canary", 70));
        String id = canary.path("id").asText();
        assertThat(canary.path("url").asText()).isEqualTo(baseUrl() + "/v1/endpoints/" + id + "/generate");

        Map<String, Integer> served = new HashMap<>();
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            ApiClient.Answer answer = api.post("/v1/endpoints/" + id + "/generate", GENERATE);
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
            assertThat(answer.json().path("deployment_id").asText()).isEqualTo(answer.header("X-Deployment-ID"));
            served.merge(answer.header("X-Deployment-ID"), 1, Integer::sum);
        }
        // 70/30 over 200 calls: a standard deviation of 3.2 points; 15 points is beyond 4.5 of them
        assertThat(100.0 * served.getOrDefault(first, 0) / calls).isBetween(55.0, 85.0);
        assertThat(100.0 * served.getOrDefault(second, 0) / calls).isBetween(15.0, 45.0);

        ApiClient sticky = new ApiClient(baseUrl(), null, key);
        for (String user : List.of("patient-portal-1", "patient-portal-2", "patient-portal-3")) {
            String side = null;
            for (int i = 0; i < 5; i++) {
                ApiClient.Answer answer = sticky.send("POST", "/v1/chat/completions", "{\"model\": \"story-canary\", "
                        + "\"user\": \"" + user + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                        + "\"max_tokens\": 2}");
                assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
                side = side == null ? answer.header("X-Deployment-ID") : side;
                assertThat(answer.header("X-Deployment-ID")).as(user).isEqualTo(side);
            }
        }

        usage.flush();
        JsonNode metrics = api.get("/v1/canary-endpoints/" + id + "/metrics?metrics=throughput,latency").json();
        assertThat(metrics.path("id").asText()).isEqualTo(id);
        assertThat(metrics.at("/deployments/0/id").asText()).isEqualTo(first);
        assertThat(metrics.at("/deployments/0/traffic_percentage").asInt()).isEqualTo(70);
        assertThat(metrics.at("/deployments/1/id").asText()).isEqualTo(second);
        assertThat(metrics.at("/deployments/0/summary/throughput/requests").asInt())
                .isGreaterThanOrEqualTo(served.get(first));
        assertThat(metrics.at("/deployments/1/summary/throughput/requests").asInt())
                .isGreaterThanOrEqualTo(served.get(second));
        assertThat(metrics.at("/deployments/1/summary/latency/p50").isNumber()).isTrue();

        ApiClient.Answer shifted = api.send("PATCH", "/v1/canary-endpoints/" + id, "{\"deployments\": [{\"id\": \""
                + first + "\", \"traffic_percentage\": 0}, {\"id\": \"" + second
                + "\", \"traffic_percentage\": 100}]}");
        assertThat(shifted.status()).as(shifted.raw().body()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/v1/endpoints/" + id + "/generate", GENERATE).header("X-Deployment-ID"))
                    .isEqualTo(second);
        }
        assertThat(api.delete("/v1/canary-endpoints/" + id).status()).isEqualTo(200);
    }

    @Test
    void openAiSdk_callsAnEndpointByName_andANameIsUniquePerClient() {
        created("/v1/endpoints", "{\"name\": \"story-sdk\", \"deployment_id\": \"" + second + "\"}");
        OpenAIClient openAi = OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(60)).build();

        HttpResponseFor<ChatCompletion> response = openAi.chat().completions().withRawResponse().create(
                ChatCompletionCreateParams.builder().model("story-sdk").addUserMessage("Tell me a story.")
                        .maxCompletionTokens(4).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().values("X-Deployment-ID")).containsExactly(second);
        assertThat(response.parse().model()).isEqualTo("story-sdk");
        assertThat(response.parse().choices().getFirst().message().content()).isPresent();
        ApiClient.Answer taken = api.post("/v1/canary-endpoints", canaryBody("story-sdk", 50));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().at("/error/code").asText()).isEqualTo("validation_error");
        assertThat(taken.json().at("/error/message").asText()).contains("'story-sdk' already exists");
    }
}
