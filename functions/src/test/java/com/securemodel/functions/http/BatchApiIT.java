package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.MultipartField;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.securemodel.core.batch.BatchPaths;
import com.securemodel.core.batch.BatchProcessor;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import com.securemodel.functions.batch.BatchResources;
import com.securemodel.functions.config.S3Storage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The batch path end to end in local mode on the tiny model: the OpenAI SDK's files and batches calls, files
 * dropped in the bucket with the AWS SDK (the local cloud's S3 event reaches the batch queue), each input format,
 * bad lines, a redelivered event, cancel, and a file naming another client's deployment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchApiIT extends LocalModeTestSupport {

    private static final String TINY = "securemodel/tiny-random-llama";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Authenticator authenticator;
    @Autowired
    S3Storage s3;
    @Autowired
    BatchResources batch;
    @Autowired
    BatchProcessor processor;

    private String client;
    private String key;
    private String name;

    @BeforeAll
    void runningTinyDeployment() {
        client = "bt-" + UUID.randomUUID().toString().substring(0, 8);
        key = authenticator.issue(new ClientId(client));
        name = "batch-" + client;
        ApiClient paitient = new ApiClient(baseUrl(), client, key);
        ApiClient.Answer created = paitient.post("/v1/deployments", """
                {"model_name": "%s", "deployment_name": "%s", "instance_type": "g4dn.xlarge"}"""
                .formatted(TINY, name));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode running = paitient.pollUntil("/v1/deployments/" + created.json().path("id").asText(),
                d -> List.of("running", "failed").contains(d.path("status").asText()), Duration.ofSeconds(60));
        assertThat(running.path("status").asText()).isEqualTo("running");
    }

    private OpenAIClient sdk(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(apiKey).maxRetries(0)
                .timeout(Duration.ofSeconds(60)).build();
    }

    private Batch await(OpenAIClient openAi, String id, Predicate<String> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Batch batch = openAi.batches().retrieve(id);
        while (!done.test(batch.status().asString()) && System.nanoTime() < deadline) {
            sleep(200);
            batch = openAi.batches().retrieve(id);
        }
        return batch;
    }

    @Test
    void sdk_uploadsFile_createsBatch_andReadsOutputAndErrorFiles() throws Exception {
        OpenAIClient openAi = sdk(key);
        String input = String.join("\n",
                line("a", name, "Hello"), line("b", name, "World"), "{not json",
                "{\"custom_id\": \"c\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", "
                        + "\"body\": {\"model\": \"" + name + "\", \"messages\": [], \"n\": 3}}") + "\n";

        FileObject file = openAi.files().create(FileCreateParams.builder().purpose(FilePurpose.BATCH)
                .file(MultipartField.<java.io.InputStream>builder()
                        .value(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                        .filename("prompts.jsonl").build()).build());
        Batch created = openAi.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
        Batch done = await(openAi, created.id(), s -> List.of("completed", "failed").contains(s));

        assertThat(file.bytes()).isEqualTo(input.length());
        assertThat(openAi.files().retrieve(file.id()).filename()).isEqualTo("prompts.jsonl");
        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(done.requestCounts()).get().satisfies(c -> {
            assertThat(c.total()).isEqualTo(4);
            assertThat(c.completed()).isEqualTo(2);
            assertThat(c.failed()).isEqualTo(2);
        });
        List<JsonNode> output = lines(openAi.files().content(done.outputFileId().orElseThrow()).body().readAllBytes());
        List<JsonNode> errors = lines(openAi.files().content(done.errorFileId().orElseThrow()).body().readAllBytes());
        assertThat(output).extracting(o -> o.path("custom_id").asText()).containsExactly("a", "b");
        assertThat(output.getFirst().path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(output.getFirst().path("response").path("body").path("object").asText())
                .isEqualTo("chat.completion");
        assertThat(output.getFirst().path("id").asText()).startsWith("batch_req_");
        assertThat(output.getFirst().path("error").isNull()).isTrue();
        assertThat(errors).extracting(o -> o.path("custom_id").asText()).containsExactly("line-3", "c");
        assertThat(errors.get(1).path("response").path("status_code").asInt()).isEqualTo(400);
        assertThat(errors.get(1).path("response").path("body").path("error").path("message").asText())
                .isNotEmpty();
        assertThat(openAi.batches().list().data()).extracting(Batch::id).contains(created.id());
    }

    @Test
    void otherClient_seesNeitherFilesNorBatches() {
        OpenAIClient openAi = sdk(key);
        FileObject file = openAi.files().create(FileCreateParams.builder().purpose(FilePurpose.BATCH)
                .file(MultipartField.<java.io.InputStream>builder()
                        .value(new ByteArrayInputStream(line("x", name, "Hi").getBytes(StandardCharsets.UTF_8)))
                        .filename("x.jsonl").build()).build());
        OpenAIClient other = sdk(authenticator.issue(new ClientId("bt-other-" + client)));

        assertThatThrownBy(() -> other.files().retrieve(file.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void droppedWithAwsSdk_eachFormat_isAnswered_withSummary_andARedeliveredEventDoesNothing() throws Exception {
        String prompts = "{\"prompt\": \"Once\", \"id\": \"p1\", \"max_tokens\": 4}\n"
                + "{\"prompt\": \"Twice\", \"max_tokens\": 4, \"temperature\": 0}\n"
                + "{\"prompt\": 5}\n";
        String text = "Tell me\nabout cats\n\nand dogs\n";
        String inputPrompts = BatchPaths.INPUT_PREFIX + client + "/" + name + "/prompts.jsonl";
        String inputText = BatchPaths.INPUT_PREFIX + client + "/" + name + "/dir/plain.txt";

        s3.get().putObject(b -> b.bucket(batch.bucket()).key(inputPrompts), RequestBody.fromString(prompts));
        s3.get().putObject(b -> b.bucket(batch.bucket()).key(inputText), RequestBody.fromString(text));

        JsonNode summary = awaitObject(BatchPaths.parse(inputPrompts).orElseThrow().summaryKey());
        assertThat(summary.path("lines").asLong()).isEqualTo(3);
        assertThat(summary.path("succeeded").asLong()).isEqualTo(2);
        assertThat(summary.path("failed").asLong()).isEqualTo(1);
        assertThat(summary.path("completion_tokens").asLong()).isPositive();
        assertThat(summary.path("cost_estimate_usd").isNumber()).isTrue();
        List<JsonNode> out = lines(get(BatchPaths.parse(inputPrompts).orElseThrow().outputKey()));
        assertThat(out).extracting(o -> o.path("custom_id").asText()).containsExactly("p1", "line-2");
        assertThat(out.getFirst().path("response").path("body").path("object").asText())
                .isEqualTo("text_completion");

        JsonNode textSummary = awaitObject(BatchPaths.parse(inputText).orElseThrow().summaryKey());
        assertThat(textSummary.path("succeeded").asLong()).isEqualTo(3);
        List<JsonNode> textOut = lines(get(BatchPaths.parse(inputText).orElseThrow().outputKey()));
        assertThat(textOut).extracting(o -> o.path("custom_id").asText())
                .containsExactly("line-1", "line-2", "line-4");

        assertThat(processor.process(inputPrompts, BatchProcessor.Heartbeat.NONE, BatchProcessor.Progress.NONE))
                .isEqualTo(BatchProcessor.Outcome.ALREADY_FINISHED);
        assertThat(lines(get(BatchPaths.parse(inputPrompts).orElseThrow().outputKey()))).hasSize(2);
    }

    @Test
    void fileForAnotherClientsDeployment_isRefusedLineByLine_nothingGenerated() throws Exception {
        String other = "bt-foreign-" + client;
        String input = BatchPaths.INPUT_PREFIX + other + "/" + name + "/steal.txt";
        s3.get().putObject(b -> b.bucket(batch.bucket()).key(input), RequestBody.fromString("one\ntwo\n"));

        JsonNode summary = awaitObject(BatchPaths.parse(input).orElseThrow().summaryKey());

        assertThat(summary.path("succeeded").asLong()).isZero();
        assertThat(summary.path("failed").asLong()).isEqualTo(2);
        assertThat(summary.path("completion_tokens").asLong()).isZero();
        assertThat(lines(get(BatchPaths.parse(input).orElseThrow().errorsKey())))
                .allSatisfy(e -> assertThat(e.path("error").path("code").asText()).isEqualTo("model_not_found"));
    }

    @Test
    void cancel_midFile_stopsWithThePartDone() throws Exception {
        OpenAIClient openAi = sdk(key);
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            input.append(line("n" + i, name, "Count " + i)).append('\n');
        }
        FileObject file = openAi.files().create(FileCreateParams.builder().purpose(FilePurpose.BATCH)
                .file(MultipartField.<java.io.InputStream>builder()
                        .value(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)))
                        .filename("long.jsonl").build()).build());
        Batch created = openAi.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
        await(openAi, created.id(), s -> !s.equals("validating"));

        Batch cancelling = openAi.batches().cancel(created.id());
        Batch cancelled = await(openAi, created.id(), s -> s.equals("cancelled"));

        assertThat(cancelling.status().asString()).isIn("cancelling", "completed");
        assertThat(cancelled.status().asString()).isEqualTo("cancelled");
        long done = cancelled.requestCounts().orElseThrow().completed();
        assertThat(done).isLessThan(400);
        assertThat(lines(openAi.files().content(cancelled.outputFileId().orElseThrow()).body().readAllBytes()))
                .hasSize((int) done);
    }

    private static String line(String id, String model, String prompt) {
        return "{\"custom_id\": \"" + id + "\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", "
                + "\"body\": {\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \""
                + prompt + "\"}], \"max_tokens\": 4}}";
    }

    private byte[] get(String key) {
        return s3.get().getObjectAsBytes(b -> b.bucket(batch.bucket()).key(key)).asByteArray();
    }

    private JsonNode awaitObject(String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return JSON.readTree(get(key));
            } catch (NoSuchKeyException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(200);
            }
        }
    }

    private static List<JsonNode> lines(byte[] content) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
