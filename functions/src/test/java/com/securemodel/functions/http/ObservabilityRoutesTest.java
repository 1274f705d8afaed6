package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.audit.CallRecord;
import com.securemodel.core.hosting.InvocationResult;
import com.securemodel.core.tenant.ClientId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics, logs and audit routes over the harness: usage from two dialects, request lines, the audit trail. */
class ObservabilityRoutesTest {

    private final HttpApiHarness harness = new HttpApiHarness();
    private int requests;

    private APIGatewayV2HTTPEvent unique(APIGatewayV2HTTPEvent event) {
        event.getRequestContext().setRequestId("req-test-" + (++requests));
        return event;
    }

    private APIGatewayV2HTTPResponse get(String path, String query, String client, String key) {
        var event = ApiEvents.as(ApiEvents.at(ApiEvents.load("get-deployment.json", "deployment_id", "x"), "GET",
                path), client, key);
        event.setRawQueryString(query);
        return harness.call(unique(event));
    }

    private APIGatewayV2HTTPResponse get(String path, String query) {
        return get(path, query, HttpApiHarness.CLIENT, HttpApiHarness.KEY);
    }

    /** Two PaiTIENT generates and one OpenAI chat completion on a running deployment, then a flush. */
    private String deploymentWithTraffic() {
        String id = harness.createDeployment();
        harness.provision();
        harness.invoker.answer(new InvocationResult("Nausea and diarrhea.", "eos_token", 11, 5));
        for (int i = 0; i < 2; i++) {
            assertThat(harness.call(unique(ApiEvents.load("generate.json", "deployment_id", id))).getStatusCode())
                    .isEqualTo(200);
        }
        assertThat(harness.call(unique(ApiEvents.load("openai-chat-completions.json", "model", id)))
                .getStatusCode()).isEqualTo(200);
        harness.usage.flush();
        harness.journal.flush();
        return id;
    }

    @Test
    void metrics_countEveryDialectsCalls_inTheReferenceShape() {
        String id = deploymentWithTraffic();

        var response = get("/v1/deployments/" + id + "/metrics", "interval=1m");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = harness.body(response);
        assertThat(body.path("deployment_id").asText()).isEqualTo(id);
        assertThat(body.path("interval").asText()).isEqualTo("1m");
        // the hour before now, and the minute now is in
        assertThat(body.path("metrics").path("latency").path("timestamps")).hasSize(61);
        assertThat(body.path("metrics").path("latency").path("p95")).hasSize(61);
        assertThat(body.path("summary").path("token_usage").path("input").asLong()).isEqualTo(33);
        assertThat(body.path("summary").path("token_usage").path("output").asLong()).isEqualTo(15);
        assertThat(body.path("summary").path("throughput").path("requests").asLong()).isEqualTo(3);
        assertThat(body.path("summary").path("error_rate").path("average_percentage").asDouble()).isZero();
        assertThat(body.path("summary").path("latency").has("p99")).isTrue();
    }

    @Test
    void metrics_onlyTheAskedOnes_andARangeTooLong_namesACoarserInterval() {
        String id = deploymentWithTraffic();

        JsonNode some = harness.body(get("/v1/deployments/" + id + "/metrics", "metrics=latency,token_usage"));
        var tooLong = get("/v1/deployments/" + id + "/metrics",
                "start_time=2026-01-01T00:00:00Z&end_time=2026-01-31T00:00:00Z&interval=1m");

        assertThat(some.path("metrics").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("latency", "token_usage");
        assertThat(tooLong.getStatusCode()).isEqualTo(400);
        assertThat(harness.body(tooLong).path("error").path("message").asText()).contains("interval=1h");
        assertThat(get("/v1/deployments/" + id + "/metrics", "interval=2m").getStatusCode()).isEqualTo(400);
        assertThat(get("/v1/deployments/" + id + "/metrics", "start_time=yesterday").getStatusCode()).isEqualTo(400);
    }

    @Test
    void logs_holdOneLinePerRequest_withoutText_andPageWithATokenBoundToClientAndQuery() {
        String id = deploymentWithTraffic();

        JsonNode requestLines = harness.body(get("/v1/deployments/" + id + "/logs", "filter=component%3Dapi"));
        assertThat(requestLines.path("logs")).hasSize(3);
        assertThat(requestLines.toString()).doesNotContain("metformin").doesNotContain("Nausea");
        List<String> ids = new ArrayList<>();
        requestLines.path("logs").forEach(line -> {
            ids.add(line.path("request_id").asText());
            assertThat(line.path("message").asText()).contains(" -> 200 in ")
                    .contains("tokens 11 prompt + 5 completion");
        });
        assertThat(ids).containsExactlyInAnyOrder("req-test-1", "req-test-2", "req-test-3");

        List<String> all = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = harness.body(get("/v1/deployments/" + id + "/logs",
                    "limit=2&order=asc" + (token == null ? "" : "&next_token=" + token)));
            page.path("logs").forEach(line -> all.add(line.path("message").asText()));
            JsonNode next = page.path("pagination").path("next_token");
            token = next.isTextual() ? next.asText() : null;
        } while (token != null && all.size() < 100);
        assertThat(all).hasSizeGreaterThan(3).filteredOn(m -> m.contains(" -> 200 in ")).hasSize(3);

        String first = harness.body(get("/v1/deployments/" + id + "/logs", "limit=1"))
                .path("pagination").path("next_token").asText();
        assertThat(get("/v1/deployments/" + id + "/logs", "limit=1&order=asc&next_token=" + first).getStatusCode())
                .isEqualTo(400);
        assertThat(get("/v1/deployments/" + id + "/logs", "limit=1&next_token=x" + first).getStatusCode())
                .isEqualTo(400);
        String other = harness.runningDeployment("other", HttpApiHarness.OTHER_CLIENT, harness.otherKey);
        var foreign = get("/v1/deployments/" + other + "/logs", "limit=1&next_token=" + first,
                HttpApiHarness.OTHER_CLIENT, harness.otherKey);
        assertThat(foreign.getStatusCode()).isEqualTo(400);
        assertThat(get("/v1/deployments/" + id + "/logs", "", HttpApiHarness.OTHER_CLIENT, harness.otherKey)
                .getStatusCode()).isEqualTo(404);
    }

    @Test
    void aReplayedAsyncRequest_getsItsOwnAuditRecordAndLogLine() {
        String id = harness.createDeployment();
        harness.provision();
        harness.invoker.answer(new InvocationResult("Nausea and diarrhea.", "eos_token", 13, 6));
        var event = ApiEvents.withHeader(ApiEvents.withBody(ApiEvents.at(ApiEvents.load(
                "openai-chat-completions.json", "model", id), "POST", "/queue/chat/completions"),
                "{\"model\": \"" + id + "\", \"messages\": [{\"role\": \"user\", \"content\": \"metformin?\"}]}"),
                "prefer", "respond-async");
        var accepted = harness.call(unique(event));
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(202);
        String queuedId = harness.body(accepted).path("id").asText();

        harness.runQueuedRequests();
        harness.journal.flush();

        CallRecord run = harness.audit.records().stream().filter(r -> r.requestId().equals(queuedId))
                .findFirst().orElseThrow(() -> new AssertionError("no audit record of the run of " + queuedId));
        assertThat(run.clientId().value()).isEqualTo(HttpApiHarness.CLIENT);
        assertThat(run.keyId()).isEqualTo("dev");
        assertThat(run.deploymentId()).isEqualTo(id);
        assertThat(run.route()).isEqualTo("POST /queue/chat/completions");
        assertThat(run.dialect()).isEqualTo("openai");
        assertThat(run.promptTokens()).isEqualTo(13);
        assertThat(run.completionTokens()).isEqualTo(6);
        assertThat(run.status()).isEqualTo(200);
        // the accepting call has its own record (202, no tokens), under the HTTP request's id
        assertThat(harness.audit.records()).anySatisfy(r -> {
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.route()).isEqualTo("POST /queue/chat/completions");
            assertThat(r.promptTokens()).isZero();
        });
        assertThat(harness.log.messages(new ClientId(HttpApiHarness.CLIENT), id)).anySatisfy(line -> assertThat(line)
                .contains("POST /queue/chat/completions -> 200").contains("13 prompt + 6 completion"));
        assertThat(harness.audit.records().toString()).doesNotContain("metformin").doesNotContain("Nausea");
    }

    @Test
    void theAuditTrail_recordsEveryCall_withKeyIdRouteTokensAndStatus() {
        String id = deploymentWithTraffic();
        harness.clock.advance(Duration.ofSeconds(1));

        JsonNode audit = harness.body(get("/v1/audit", "order=asc"));

        JsonNode records = audit.path("records");
        assertThat(records).hasSizeGreaterThanOrEqualTo(4);
        JsonNode chat = records.get(records.size() - 1);
        assertThat(chat.path("route").asText()).isEqualTo("POST /v1/chat/completions");
        assertThat(chat.path("dialect").asText()).isEqualTo("openai");
        assertThat(chat.path("key_id").asText()).isEqualTo("dev");
        assertThat(chat.path("client_id").asText()).isEqualTo(HttpApiHarness.CLIENT);
        assertThat(chat.path("deployment_id").asText()).isEqualTo(id);
        assertThat(chat.path("prompt_tokens").asLong()).isEqualTo(11);
        assertThat(chat.path("completion_tokens").asLong()).isEqualTo(5);
        assertThat(chat.path("status").asInt()).isEqualTo(200);
        assertThat(audit.toString()).doesNotContain("metformin");
        harness.journal.flush();
        assertThat(harness.body(get("/v1/audit", "", HttpApiHarness.OTHER_CLIENT, harness.otherKey))
                .path("records").toString()).doesNotContain(id);
    }
}
