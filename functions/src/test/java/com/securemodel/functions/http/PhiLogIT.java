package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * PHI hygiene, in HIPAA mode (the default): canary strings in prompts, names and tags go through every operation
 * of the OpenAPI document on the whole local service (API, workers, local cloud and llama.cpp, one JVM), on success
 * and error paths and through the web server's own rejections; no log line holds a canary, the API key or an
 * {@code Authorization} value.
 */
@ExtendWith(OutputCaptureExtension.class)
class PhiLogIT extends LocalModeTestSupport {

    private static final String CANARY = "phicanary7c1e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Authenticator authenticator;

    @Test
    void canariesAndKeys_neverReachTheLog_onAnyRoute(CapturedOutput output) throws Exception {
        String client = "phi-" + Long.toHexString(new Random().nextLong() & 0xffffff);
        String key = authenticator.issue(new ClientId(client));
        var caller = new CallFactory.Caller(client, key);
        ApiDocument document = ApiDocument.load();
        CallFactory factory = new CallFactory(document);
        List<String> statuses = new ArrayList<>();

        String deployment = created(send(factory.valid(operation(document, "POST /v1/deployments"), "paitient", caller,
                null, CANARY)));
        poll(new HttpCall("GET", "/v1/deployments/" + deployment, "", CallFactory.credentials("paitient", caller,
                false), null), s -> !s.path("status").asText().equals("creating"));
        HttpCall status = factory.valid(operation(document, "POST /model/status"), "bytez", caller,
                new CallFactory.Targets(deployment, CallFactory.TINY_MODEL, null), CANARY);
        send(status.withPath("/model/load"));
        poll(status, s -> !s.path("status").asText().equals("STARTING"));
        HttpCall queue = new HttpCall("POST", "/queue/chat/completions", "", List.of(Map.entry("Authorization",
                "Bearer " + key), Map.entry("Prefer", "respond-async"), Map.entry("Content-Type", "application/json")),
                "{\"model\": \"" + deployment + "\", \"messages\": [{\"role\": \"user\", \"content\": \"" + CANARY
                        + "\"}], \"max_tokens\": 2}");
        String queued = JSON.readTree(send(queue).body()).path("id").asText();
        String file = JSON.readTree(send(new HttpCall("POST", "/v1/files", "", List.of(Map.entry("Authorization",
                "Bearer " + key), Map.entry("Content-Type", "multipart/form-data; boundary=" + CallFactory.BOUNDARY)),
                CallFactory.multipartBatchFile(deployment, CANARY))).body()).path("id").asText();
        String batch = JSON.readTree(send(new HttpCall("POST", "/v1/batches", "", List.of(Map.entry("Authorization",
                "Bearer " + key), Map.entry("Content-Type", "application/json")), "{\"input_file_id\": \"" + file
                + "\", \"endpoint\": \"/v1/chat/completions\", \"completion_window\": \"24h\", \"metadata\": "
                + "{\"note\": \"" + CANARY + "\"}}")).body()).path("id").asText();
        String webhook = created(send(factory.valid(operation(document, "POST /v1/webhooks"), "paitient", caller,
                null, CANARY)));
        String event = JSON.readTree(send(new HttpCall("POST", "/v1/webhooks/" + webhook + "/test", "",
                CallFactory.credentials("paitient", caller, false), null)).body()).path("event_id").asText();
        var paitient = CallFactory.credentials("paitient", caller, false);
        String second = StreamSupport.stream(JSON.readTree(send(new HttpCall("GET", "/v1/deployments",
                        "status=running&limit=100", paitient, null)).body()).path("deployments").spliterator(), false)
                .map(d -> d.path("id").asText()).filter(id -> !id.equals(deployment)).findFirst().orElseThrow();
        String endpoint = created(send(new HttpCall("POST", "/v1/endpoints", "", paitient, "{\"name\": "
                + "\"phi-endpoint\", \"deployment_id\": \"" + deployment + "\"}")
                .addHeader("Content-Type", "application/json")));
        String canary = created(send(new HttpCall("POST", "/v1/canary-endpoints", "", paitient, "{\"name\": "
                + "\"phi-canary\", \"deployments\": [{\"id\": \"" + deployment + "\", \"traffic_percentage\": 50},"
                + " {\"id\": \"" + second + "\", \"traffic_percentage\": 50}]}")
                .addHeader("Content-Type", "application/json")));
        JsonNode spare = JSON.readTree(send(new HttpCall("POST", "/v1/keys", "", paitient, "{\"name\": \"" + CANARY
                + "\", \"scopes\": [\"read\"]}").addHeader("Content-Type", "application/json")).body());
        var targets = new CallFactory.Targets(deployment, CallFactory.TINY_MODEL, queued, file, batch)
                .withEndpoints(second, endpoint, canary).withKey(spare.path("id").asText())
                .withWebhook(webhook, event);

        Mutations mutations = new Mutations(new Random(7));
        List<CallFactory.Generated> calls = factory.everyOperation(caller, targets, CANARY);
        for (CallFactory.Generated generated : calls) {
            statuses.add(generated.call() + " " + send(generated.call()).status());
        }
        for (CallFactory.Generated generated : calls) { // error paths, after the successes (a mutation may delete)
            for (int i = 0; i < 5; i++) {
                HttpCall bad = mutations.apply(generated.call());
                statuses.add(bad + " " + send(bad).status());
            }
        }
        for (Map.Entry<String, String> rejection : WebServerRejectionsIT.cases()) {
            String request = WebServerRejectionsIT.withHostAndClose(rejection.getKey()
                    .replace(WebServerRejectionsIT.SECRET, key).replace(" /v1/models ", " /v1/" + CANARY + " ")
                    + (rejection.getKey().contains("\r\n\r\n") ? "" : "\r\n"));
            statuses.add(request.lines().findFirst().orElse("") + " "
                    + WebServerRejectionsIT.send(request.getBytes(StandardCharsets.UTF_8)).status());
        }
        Thread.sleep(2_000); // the workers (async requests, provisioning, deletion) log after the answers

        assertThat(statuses.subList(0, calls.size()).stream().filter(s -> s.matches(".* 20[0-2]$")).count())
                .as("successes among %s", statuses.subList(0, calls.size())).isGreaterThanOrEqualTo(calls.size() - 3);
        String log = output.getAll();
        assertThat(log).as("the capture holds the service's and the workers' log lines")
                .contains("HttpApiFunction").contains("DeploymentWorkerFunction");
        assertThat(log).as("the log").doesNotContain(CANARY).doesNotContain(key)
                .doesNotContain(spare.path("key").asText())
                .doesNotContainIgnoringCase("authorization: bearer").doesNotContainIgnoringCase("authorization:key");
    }

    private static ApiDocument.Operation operation(ApiDocument document, String name) {
        return document.operations().stream().filter(o -> o.toString().equals(name)).findFirst().orElseThrow();
    }

    private static String created(WebServerRejectionsIT.Raw answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("id").asText();
    }

    private static JsonNode poll(HttpCall call, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            WebServerRejectionsIT.Raw answer = send(call);
            JsonNode body = JSON.readTree(answer.body());
            if (done.test(body) || System.nanoTime() > deadline) {
                return body;
            }
            Thread.sleep(250);
        }
    }

    private static WebServerRejectionsIT.Raw send(HttpCall call) throws Exception {
        return WebServerRejectionsIT.send(call.toWire("localhost"));
    }
}
