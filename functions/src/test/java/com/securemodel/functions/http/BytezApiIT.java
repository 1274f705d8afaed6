package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.bytez.ModelJobStore;
import com.securemodel.core.model.ModelCatalog;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import com.securemodel.functions.bytez.ExpirySweepFunction;
import com.securemodel.functions.bytez.ModelJobWorkerFunction;
import com.securemodel.localstack.llm.TinyModelGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Bytez API through the local web server exactly as bytez.js 0.4.2 calls it ({@code Authorization: Key},
 * {@code content-type: application/json}, GET without a body, POST with one, {@code input} not {@code prompt}), on
 * real llama.cpp inference; the job worker reading a GGUF header; one state with the other dialects; the sweep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BytezApiIT extends LocalModeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODELS = Path.of("target/local-cloud/models");

    @Autowired
    Authenticator authenticator;
    @Autowired
    ModelJobWorkerFunction modelJobWorker;
    @Autowired
    ExpirySweepFunction expirySweep;
    @Autowired
    ModelJobStore jobs;
    @Autowired
    ModelCatalog catalog;

    private final HttpClient http = HttpClient.newHttpClient();
    private String client;
    private String key;
    private String copy;
    private String broken;

    /** A model id the built-in catalog does not know, served from the tiny GGUF; and one whose file is garbage. */
    @BeforeAll
    void modelsOnlyAJobMakesAvailable() throws IOException {
        client = "bz-" + UUID.randomUUID().toString().substring(0, 8);
        key = authenticator.issue(new ClientId(client));
        copy = "bytez-test/tiny-" + client;
        broken = "bytez-test/broken-" + client;
        Files.createDirectories(MODELS);
        Path tiny = MODELS.resolve(TinyModelGenerator.FILE_NAME);
        if (!Files.isRegularFile(tiny)) {
            TinyModelGenerator.write(tiny);
        }
        Files.writeString(MODELS.resolve(client + "-broken.gguf"), "not a gguf file at all");
        Files.writeString(MODELS.resolve("catalog.properties"), copy + "=" + TinyModelGenerator.FILE_NAME + "\n"
                + broken + "=" + client + "-broken.gguf\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** bytez.js's {@code _request}: POST with a JSON body, else GET. */
    private HttpResponse<String> bytez(String path, String body) {
        return send(path, body, "Key " + key, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(String path, String body, String authorization,
                                     HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/" + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                .header("content-type", "application/json");
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode poll(String path, String body, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = json(bytez(path, body));
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(path + " never settled: " + last);
    }

    private String model(String id) {
        return "{\"model\": \"" + id + "\"}";
    }

    @Test
    void bytezJsFlow_jobLoadStatusRunStreamInstancesStop() throws Exception {
        // process(modelId): the first call queues, a repeat reports, the worker reads the GGUF header
        JsonNode queued = json(bytez("model/job", model(copy)));
        assertThat(queued.path("success").asBoolean()).as(queued.toString()).isTrue();
        JsonNode available = poll("model/job", model(copy),
                j -> "Model available".equals(j.path("message").asText()));
        assertThat(available.path("startTime").asText()).isNotEmpty();
        assertThat(available.path("endTime").asText()).isNotEmpty();
        assertThat(catalog.find(copy)).get().satisfies(m -> {
            assertThat(m.architecture()).isEqualTo("llama");
            assertThat(m.parameters()).isPositive();
            assertThat(m.dtype()).isEqualTo("f32");
        });
        JsonNode listed = json(bytez("model/list", null));
        assertThat(listed.findValuesAsText("name")).contains(copy);

        // a duplicate delivery of the same task changes nothing
        var job = jobs.find(new ClientId(client), copy).orElseThrow();
        SQSEvent duplicate = new SQSEvent();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("dup-1");
        message.setBody("{\"clientId\": \"" + client + "\", \"modelId\": \"" + copy + "\"}");
        duplicate.setRecords(List.of(message));
        assertThat(modelJobWorker.apply(duplicate).getBatchItemFailures()).isEmpty();
        assertThat(jobs.find(new ClientId(client), copy)).contains(job);

        // model(id).load(): start, then status every few seconds until RUNNING; a second load is 409
        HttpResponse<String> loaded = bytez("model/load", "{\"model\": \"" + copy + "\", \"concurrency\": 1, "
                + "\"expirationPeriodSeconds\": 300}");
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(json(loaded).path("status").asText()).isEqualTo("started");
        JsonNode running = poll("model/status", model(copy),
                s -> List.of("RUNNING", "FAILED").contains(s.path("status").asText()));
        assertThat(running.path("status").asText()).as(running.toString()).isEqualTo("RUNNING");
        HttpResponse<String> again = bytez("model/load", "{\"model\": \"" + copy + "\", \"concurrency\": 1, "
                + "\"expirationPeriodSeconds\": 300}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").asText()).contains("already loaded");

        // run(input, {stream: false, ...params})
        HttpResponse<String> ran = bytez("model/run", "{\"stream\": false, \"params\": {\"max_new_tokens\": 8}, "
                + "\"model\": \"" + copy + "\", \"input\": \"Once upon a time\"}");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        assertThat(json(ran).path("output").asText()).startsWith("Once upon a time").hasSizeGreaterThan(16);

        // run(input, {stream: true}): the raw body, plain text chunks as generated
        HttpResponse<InputStream> streamed = send("model/run", "{\"stream\": true, \"params\": {\"max_new_tokens\": "
                + "24}, \"model\": \"" + copy + "\", \"input\": \"Once upon a time\"}", "Key " + key,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("content-type")).get().asString().startsWith("text/plain");
        List<String> chunks = new ArrayList<>();
        try (InputStream body = streamed.body()) {
            byte[] buffer = new byte[4096];
            for (int n; (n = body.read(buffer)) > 0; ) {
                chunks.add(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        }
        assertThat(chunks.size()).as("chunks as generated").isGreaterThan(1);
        assertThat(String.join("", chunks)).startsWith("Once upon a time").doesNotContain("data:");

        JsonNode status = json(bytez("model/status", model(copy)));
        assertThat(status.path("inferences").asLong()).isEqualTo(2);
        JsonNode instances = json(bytez("model/instances", null));
        assertThat(instances.findValuesAsText("model")).containsExactly(copy);

        // one state: the load is a deployment of the PaiTIENT API and answers OpenAI chat completions
        ApiClient paitient = new ApiClient(baseUrl(), client, key);
        JsonNode deployments = paitient.get("/v1/deployments").json();
        assertThat(deployments.path("deployments").findValuesAsText("model_name")).containsExactly(copy);
        HttpResponse<String> chat = send("v1/chat/completions", "{\"model\": \"" + copy + "\", \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 4}", "Bearer " + key,
                HttpResponse.BodyHandlers.ofString());
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);

        // another client sees and touches nothing of it
        String otherKey = authenticator.issue(new ClientId("bz-other-" + client.substring(3)));
        assertThat(send("model/status", model(copy), "Key " + otherKey, HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
        assertThat(send("model/delete", model(copy), "Key " + otherKey, HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);

        // stop()
        JsonNode stopped = json(bytez("model/delete", model(copy)));
        assertThat(stopped.path("status").asText()).isEqualTo("STOPPED");
        assertThat(json(bytez("model/instances", null))).isEmpty();
    }

    @Test
    void job_forAnUnreadableModel_endsWithAMessageThatSaysWhy() throws Exception {
        json(bytez("model/job", model(broken)));

        JsonNode failed = poll("model/job", model(broken), j -> j.has("endTime"));

        assertThat(failed.path("success").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).contains("cannot be read").contains("GGUF");
    }

    @Test
    void sweep_stopsAnInstanceIdlePastItsPeriod() throws Exception {
        String tiny = "securemodel/tiny-random-llama";
        assertThat(bytez("model/load", "{\"model\": \"" + tiny + "\", \"expirationPeriodSeconds\": 1}")
                .statusCode()).isEqualTo(200);
        poll("model/status", model(tiny), s -> "RUNNING".equals(s.path("status").asText()));
        assertThat(bytez("model/run", "{\"model\": \"" + tiny + "\", \"input\": \"Hi\", \"params\": "
                + "{\"max_new_tokens\": 1}}").statusCode()).isEqualTo(200);
        expirySweep.apply(null);
        assertThat(json(bytez("model/status", model(tiny))).path("status").asText())
                .as("a run just now: idle for less than the period plus the write interval").isNotEqualTo("STOPPED");

        Thread.sleep(7_000);
        expirySweep.apply(null);

        assertThat(json(bytez("model/status", model(tiny))).path("status").asText()).isEqualTo("STOPPED");
    }
}
