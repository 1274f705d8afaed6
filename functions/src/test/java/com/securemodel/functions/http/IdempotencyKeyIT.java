package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code Idempotency-Key} on {@code POST /v1/deployments} through the local web server, with the claims in
 * DynamoDB Local: retries answer the first deployment, another body is a 409, concurrent requests create one.
 */
class IdempotencyKeyIT extends LocalModeTestSupport {

    private static final String BODY = """
            {"model_name": "securemodel/tiny-random-llama", "deployment_name": "idem", "instance_type": "g4dn.xlarge",
             "tags": {"team": "a", "env": "test"}, "model_config": {"context_length": 512, "max_output_tokens": 8}}""";
    /** The same request: other member order and spacing. */
    private static final String SAME_BODY_REORDERED = """
            {"tags":{"env":"test","team":"a"},"instance_type":"g4dn.xlarge","deployment_name":"idem",
            "model_config":{"max_output_tokens":8,"context_length":512},"model_name":"securemodel/tiny-random-llama"}""";

    @Autowired
    Authenticator authenticator;

    private ApiClient api;
    private String client;

    @BeforeEach
    void newClient() {
        client = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        api = new ApiClient(baseUrl(), client, authenticator.issue(new ClientId(client)));
    }

    @AfterEach
    void deleteDeployments() {
        for (JsonNode d : api.get("/v1/deployments").json().path("deployments")) {
            api.delete("/v1/deployments/" + d.path("id").asText() + "?force=true");
        }
    }

    private ApiClient.Answer create(ApiClient as, String body, String key) {
        return as.send("POST", "/v1/deployments", body, Map.of("Idempotency-Key", key));
    }

    private List<String> deploymentIds(ApiClient as) {
        List<String> ids = new ArrayList<>();
        as.get("/v1/deployments").json().path("deployments").forEach(d -> ids.add(d.path("id").asText()));
        return ids;
    }

    @Test
    void sameKeyAndBody_answersTheFirstDeployment_otherBodyIs409() {
        String key = UUID.randomUUID().toString();
        ApiClient.Answer first = create(api, BODY, key);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        String id = first.json().path("id").asText();
        assertThat(first.header("Idempotent-Replayed")).isNull();

        ApiClient.Answer retried = create(api, SAME_BODY_REORDERED, key);
        assertThat(retried.status()).as(retried.raw().body()).isEqualTo(201);
        assertThat(retried.json().path("id").asText()).isEqualTo(id);
        assertThat(retried.json().path("deployment_name").asText()).isEqualTo("idem");
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");

        ApiClient.Answer otherBody = create(api, BODY.replace("\"idem\"", "\"idem-2\""), key);
        assertThat(otherBody.status()).as(otherBody.raw().body()).isEqualTo(409);
        assertThat(otherBody.json().at("/error/code").asText()).isEqualTo("invalid_request_error");
        assertThat(otherBody.json().at("/error/message").asText()).contains("Idempotency-Key")
                .contains("different request body");
        assertThat(otherBody.json().at("/error/request_id").asText()).startsWith("req_");

        assertThat(deploymentIds(api)).containsExactly(id);
    }

    @Test
    void keysArePerClient() {
        String key = "order-" + UUID.randomUUID();
        String mine = create(api, BODY, key).json().path("id").asText();
        String other = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient otherApi = new ApiClient(baseUrl(), other, authenticator.issue(new ClientId(other)));

        ApiClient.Answer theirs = create(otherApi, BODY, key);

        assertThat(theirs.status()).as(theirs.raw().body()).isEqualTo(201);
        assertThat(theirs.json().path("id").asText()).isNotEqualTo(mine);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        otherApi.delete("/v1/deployments/" + theirs.json().path("id").asText() + "?force=true");
    }

    @Test
    void concurrentRequestsWithOneKey_createExactlyOneDeployment() throws Exception {
        String key = UUID.randomUUID().toString();
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return create(api, BODY, key);
                }));
            }
            start.countDown();
            Set<String> created = new HashSet<>();
            for (Future<ApiClient.Answer> future : answers) {
                ApiClient.Answer answer = future.get();
                if (answer.status() == 201) {
                    created.add(answer.json().path("id").asText());
                } else {
                    // a request that arrived while the first was between its claim and its put: retry later
                    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(409);
                    assertThat(answer.json().at("/error/message").asText()).contains("still being processed");
                }
            }
            List<String> stored = deploymentIds(api);
            assertThat(stored).hasSize(1);
            assertThat(created).isSubsetOf(stored);
            ApiClient.Answer retried = create(api, BODY, key);
            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.json().path("id").asText()).isEqualTo(stored.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedKey_is400_andCreatesNothing() {
        for (String bad : List.of("has space", "x".repeat(256), "semi;colon", "caf\u00e9")) {
            ApiClient.Answer answer = create(api, BODY, bad);
            assertThat(answer.status()).as(bad + ": " + answer.raw().body()).isEqualTo(400);
            assertThat(answer.json().at("/error/code").asText()).isEqualTo("validation_error");
            assertThat(answer.json().at("/error/message").asText()).contains("Idempotency-Key");
        }
        assertThat(deploymentIds(api)).isEmpty();
    }
}
