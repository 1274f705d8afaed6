package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.hosting.InvocationResult;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subscription, quotas and rate limits in every dialect, over the harness (real core services, in-memory ports):
 * the headers on every authenticated answer (streams included), 429 in each error shape with Retry-After, and
 * quota refusals before any SageMaker call.
 */
class LimitsRoutesTest {

    private static final String TINY = "securemodel/tiny-random-llama";
    private final HttpApiHarness harness = new HttpApiHarness();
    private final ClientId client = new ClientId(HttpApiHarness.CLIENT);

    private HttpCall paitient(String method, String path, String body) {
        return new HttpCall(method, path, "", List.of(Map.entry("Authorization", "Bearer " + HttpApiHarness.KEY),
                Map.entry("X-Client-ID", HttpApiHarness.CLIENT), Map.entry("Content-Type", "application/json")), body);
    }

    private static HttpCall openAi(String method, String path, String body) {
        return new HttpCall(method, path, "", List.of(Map.entry("Authorization", "Bearer " + HttpApiHarness.KEY),
                Map.entry("Content-Type", "application/json")), body);
    }

    private static HttpCall bytez(String method, String path, String body) {
        return new HttpCall(method, path, "", List.of(Map.entry("Authorization", "Key " + HttpApiHarness.KEY),
                Map.entry("Content-Type", "application/json")), body);
    }

    private APIGatewayV2HTTPResponse send(HttpCall call) {
        return harness.call(call.toEvent());
    }

    /** A running deployment, and the tiny model loaded through Bytez (a second deployment). */
    private String running() {
        String id = harness.runningDeployment("limits", HttpApiHarness.CLIENT, HttpApiHarness.KEY);
        assertThat(send(bytez("POST", "/model/load", "{\"model\": \"" + TINY + "\"}")).getStatusCode())
                .isEqualTo(200);
        harness.provision();
        harness.invoker.answer(new InvocationResult(" there was a dragon", "length", 4, 5));
        return id;
    }

    @Test
    void everyAuthenticatedAnswer_ofEveryDialect_carriesTheRateLimitHeaders_streamsAndErrorsIncluded() {
        String id = running();
        long reset = harness.clock.instant().getEpochSecond() / 60 * 60 + 60;
        List<APIGatewayV2HTTPResponse> answers = List.of(
                send(paitient("GET", "/v1/deployments", null)),
                send(paitient("GET", "/v1/deployments/dep_unknown", null)),
                send(paitient("POST", "/v1/deployments/" + id + "/generate", "{\"prompt\": \"Once\"}")),
                send(openAi("GET", "/v1/models", null)),
                send(openAi("POST", "/v1/chat/completions", "{\"model\": \"" + id + "\", \"stream\": true,"
                        + " \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}")),
                send(bytez("GET", "/model/instances", null)),
                send(bytez("POST", "/model/run", "{\"model\": \"" + TINY + "\", \"input\": \"Once\","
                        + " \"stream\": true}")),
                send(paitient("GET", "/v1/subscription", null)));

        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getStatusCode)
                .containsExactly(200, 404, 200, 200, 200, 200, 200, 200);
        assertThat(answers.get(4).getHeaders().get("Content-Type")).startsWith("text/event-stream");
        assertThat(answers.get(6).getHeaders().get("Content-Type")).startsWith("text/plain");
        long remaining = Long.MAX_VALUE;
        for (APIGatewayV2HTTPResponse answer : answers) {
            assertThat(answer.getHeaders()).containsEntry("X-RateLimit-Limit", "1000000000")
                    .containsEntry("X-RateLimit-Reset", String.valueOf(reset)).doesNotContainKey("Retry-After");
            long now = Long.parseLong(answer.getHeaders().get("X-RateLimit-Remaining"));
            assertThat(now).isLessThan(remaining);
            remaining = now;
        }
        assertThat(send(new HttpCall("GET", "/health", "", List.of(), null)).getHeaders())
                .doesNotContainKey("X-RateLimit-Limit");
    }

    @Test
    void overTheRateLimit_eachDialectAnswers429InItsShape_withRetryAfter_untilTheWindowEnds() {
        harness.tierStore.set(client, HttpApiHarness.TIGHT_TIER, harness.clock.instant());
        harness.clock.set(harness.clock.instant().plusSeconds(15));
        for (int i = 0; i < 5; i++) {
            assertThat(send(openAi("GET", "/v1/models", null)).getStatusCode()).isEqualTo(200);
        }

        APIGatewayV2HTTPResponse paitient = send(paitient("GET", "/v1/deployments", null));
        APIGatewayV2HTTPResponse openAi = send(openAi("GET", "/v1/models", null));
        APIGatewayV2HTTPResponse bytez = send(bytez("GET", "/model/instances", null));

        for (APIGatewayV2HTTPResponse refused : List.of(paitient, openAi, bytez)) {
            assertThat(refused.getStatusCode()).isEqualTo(429);
            assertThat(refused.getHeaders()).containsEntry("Retry-After", "45").containsEntry("X-RateLimit-Limit", "5")
                    .containsEntry("X-RateLimit-Remaining", "0");
        }
        assertThat(harness.body(paitient).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(harness.body(paitient).at("/error/message").asText()).contains("5 requests per minute",
                "retry after 45 seconds");
        assertThat(harness.body(openAi).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(harness.body(openAi).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(harness.body(bytez).path("error").asText()).contains("Rate limit reached");

        harness.clock.advance(Duration.ofSeconds(45));
        assertThat(send(bytez("GET", "/model/instances", null)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void spentTokens_refuseGenerationInEveryDialect_beforeAnySageMakerCall() {
        String id = running();
        harness.tierStore.set(client, HttpApiHarness.SMALL_TIER, harness.clock.instant());
        harness.usage.record(new UsageEvent(client, id, 60, 40, 10, false, harness.clock.instant()));
        int invocations = harness.invoker.calls().size();

        APIGatewayV2HTTPResponse paitient = send(paitient("POST", "/v1/deployments/" + id + "/generate",
                "{\"prompt\": \"Once\"}"));
        APIGatewayV2HTTPResponse chat = send(openAi("POST", "/v1/chat/completions",
                "{\"model\": \"" + id + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"));
        APIGatewayV2HTTPResponse stream = send(openAi("POST", "/v1/chat/completions", "{\"model\": \"" + id + "\","
                + " \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"));
        APIGatewayV2HTTPResponse completion = send(openAi("POST", "/v1/completions",
                "{\"model\": \"" + id + "\", \"prompt\": \"Once\"}"));
        APIGatewayV2HTTPResponse run = send(bytez("POST", "/model/run", "{\"model\": \"" + TINY
                + "\", \"input\": \"Once\"}"));

        assertThat(harness.invoker.calls()).hasSize(invocations);
        for (APIGatewayV2HTTPResponse refused : List.of(paitient, chat, stream, completion, run)) {
            assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(403);
            assertThat(refused.getHeaders()).containsKey("X-RateLimit-Remaining");
        }
        assertThat(harness.body(paitient).at("/error/code").asText()).isEqualTo("quota_exceeded");
        assertThat(harness.body(paitient).at("/error/message").asText()).contains("used 100 of the 100 tokens",
                "'small' tier", "GET /v1/subscription");
        assertThat(harness.body(chat).at("/error/code").asText()).isEqualTo("quota_exceeded");
        assertThat(harness.body(stream).at("/error/code").asText()).isEqualTo("quota_exceeded");
        assertThat(harness.body(completion).at("/error/code").asText()).isEqualTo("quota_exceeded");
        assertThat(harness.body(run).path("error").asText()).contains("tokens");
    }

    @Test
    void overTheDeploymentQuota_createsAndBytezLoadsAreRefused_beforeAnySageMakerCall() {
        harness.tierStore.set(client, HttpApiHarness.SMALL_TIER, harness.clock.instant());
        assertThat(send(paitient("POST", "/v1/deployments", "{\"model_name\": \"" + TINY + "\","
                + " \"instance_type\": \"g4dn.xlarge\"}")).getStatusCode()).isEqualTo(201);
        int queued = harness.queue.tasks().size();

        APIGatewayV2HTTPResponse create = send(paitient("POST", "/v1/deployments", "{\"model_name\": \"" + TINY
                + "\", \"instance_type\": \"g4dn.xlarge\"}"));
        APIGatewayV2HTTPResponse load = send(bytez("POST", "/model/load", "{\"model\": \"" + TINY + "\"}"));

        assertThat(create.getStatusCode()).isEqualTo(403);
        assertThat(harness.body(create).at("/error/code").asText()).isEqualTo("quota_exceeded");
        assertThat(harness.body(create).at("/error/message").asText()).contains("1 live deployments",
                "'small' tier allows 1 deployments");
        assertThat(load.getStatusCode()).isEqualTo(403);
        assertThat(harness.body(load).path("error").asText()).contains("delete a deployment first");
        assertThat(harness.queue.tasks()).hasSize(queued);
        assertThat(harness.host.deletedConfigs()).isEmpty();
    }

    @Test
    void everyDialectsGenerations_countTowardsThePeriodsTokens_streamedOrNot() {
        String id = running();
        List<HttpCall> calls = List.of(
                paitient("POST", "/v1/deployments/" + id + "/generate", "{\"prompt\": \"Once\"}"),
                openAi("POST", "/v1/chat/completions", "{\"model\": \"" + id + "\", \"messages\": [{\"role\":"
                        + " \"user\", \"content\": \"Hi\"}]}"),
                openAi("POST", "/v1/chat/completions", "{\"model\": \"" + id + "\", \"stream\": true,"
                        + " \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"),
                openAi("POST", "/v1/completions", "{\"model\": \"" + id + "\", \"prompt\": \"Once\"}"),
                bytez("POST", "/model/run", "{\"model\": \"" + TINY + "\", \"input\": \"Once\"}"),
                bytez("POST", "/model/run", "{\"model\": \"" + TINY + "\", \"input\": \"Once\", \"stream\": true}"));
        for (HttpCall call : calls) {
            assertThat(send(call).getStatusCode()).as(call.toString()).isEqualTo(200);
        }

        harness.usage.flush();

        // 4 prompt + 5 completion tokens per call, six calls: in the client's period item, as every instance adds them
        assertThat(harness.periodUsage.tokens(client, com.securemodel.core.usage.BillingPeriod.of(
                harness.clock.instant()).start())).isEqualTo(54);
        assertThat(harness.body(send(paitient("GET", "/v1/subscription", null))).path("current_usage").asLong())
                .isEqualTo(54);
    }

    @Test
    void subscription_answersTheTierItsLimitsAndTheUsageOfTheCalendarMonth() {
        harness.tierStore.set(client, HttpApiHarness.SMALL_TIER, harness.clock.instant());
        harness.usage.record(new UsageEvent(client, "dep_x", 7, 5, 10, false, harness.clock.instant()));
        harness.usage.flush();
        send(paitient("POST", "/v1/deployments", "{\"model_name\": \"" + TINY + "\", \"instance_type\":"
                + " \"g4dn.xlarge\"}"));

        JsonNode subscription = harness.body(send(paitient("GET", "/v1/subscription", null)));

        assertThat(subscription.toString()).isEqualTo("{\"tier\":\"small\",\"usage_limit\":100,\"current_usage\":12,"
                + "\"period_start\":\"2025-01-01T00:00:00Z\",\"period_end\":\"2025-02-01T00:00:00Z\","
                + "\"limits\":{\"max_deployments\":1,\"max_gpu_instances\":4,\"requests_per_minute\":1000,"
                + "\"tokens_per_period\":100},\"usage\":{\"tokens\":12,\"deployments\":1,\"gpu_instances\":1}}");
    }
}
