package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.models.Model;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.core.usage.UsageStore;
import com.securemodel.core.usage.UsageTotals;
import com.securemodel.functions.LocalModeTestSupport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The OpenAI-compatible API through the local web server with the official OpenAI Java SDK, on real llama.cpp
 * inference of the tiny model: both base URLs, chat (whole and streamed), text completions, the SDK's exceptions,
 * plus what the SDK cannot show (streaming is real, token counts, the queue route, usage, no text in logs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class OpenAiApiIT extends LocalModeTestSupport {

    private static final String TINY = "securemodel/tiny-random-llama";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Authenticator authenticator;
    @Autowired
    UsageRecorder usage;
    @Autowired
    UsageStore usageStore;

    private final HttpClient http = HttpClient.newHttpClient();
    private String client;
    private String key;
    private String name;
    private String deploymentId;
    private final Instant started = Instant.now();

    @BeforeAll
    void runningTinyDeployment() {
        client = "oa-" + UUID.randomUUID().toString().substring(0, 8);
        key = authenticator.issue(new ClientId(client));
        name = "chat-" + client;
        ApiClient paitient = new ApiClient(baseUrl(), client, key);
        ApiClient.Answer created = paitient.post("/v1/deployments", """
                {"model_name": "%s", "deployment_name": "%s", "instance_type": "g4dn.xlarge",
                 "model_config": {"max_output_tokens": 2000}}""".formatted(TINY, name));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        deploymentId = created.json().path("id").asText();
        JsonNode running = paitient.pollUntil("/v1/deployments/" + deploymentId,
                d -> List.of("running", "failed").contains(d.path("status").asText()), Duration.ofSeconds(60));
        assertThat(running.path("status").asText()).as(running.toString()).isEqualTo("running");
    }

    private OpenAIClient sdk(String baseUrl, String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).maxRetries(0)
                .timeout(Duration.ofSeconds(60)).build();
    }

    private ChatCompletionCreateParams chat(String model, long maxTokens) {
        return ChatCompletionCreateParams.builder().model(model).addSystemMessage("You are terse.")
                .addUserMessage("Tell me a story about a cat.").maxCompletionTokens(maxTokens).temperature(0)
                .build();
    }

    @Test
    void sdk_onBothBaseUrls_listsTheDeployment_andChats() {
        for (String base : List.of(baseUrl() + "/v1", baseUrl())) {
            OpenAIClient openAi = sdk(base, key);

            List<String> ids = openAi.models().list().data().stream().map(Model::id).toList();
            ChatCompletion completion = openAi.chat().completions().create(chat(name, 16));

            assertThat(ids).as(base).containsExactly(name, TINY);
            assertThat(completion.id()).startsWith("chatcmpl-");
            assertThat(completion.choices()).singleElement().satisfies(choice -> {
                assertThat(choice.message().content()).isPresent().get().asString().isNotEmpty();
                assertThat(choice.finishReason().asString()).isIn("stop", "length");
            });
            assertThat(completion.usage()).isPresent().get().satisfies(u -> {
                assertThat(u.promptTokens()).isPositive();
                assertThat(u.completionTokens()).isBetween(1L, 16L);
                assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
            });
        }
    }

    @Test
    void sdk_streamsChat_chunkByChunk_withTheSameTextAsAWholeAnswer(CapturedOutput output) {
        OpenAIClient openAi = sdk(baseUrl() + "/v1", key);
        String whole = openAi.chat().completions().create(chat(deploymentId, 48)).choices().getFirst().message()
                .content().orElseThrow();
        ChatCompletionCreateParams params = chat(deploymentId, 48).toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = openAi.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }

        assertThat(chunks.size()).isGreaterThan(3);
        assertThat(chunks.getFirst().choices().getFirst().delta().role()).isPresent();
        StringBuilder text = new StringBuilder();
        chunks.stream().flatMap(c -> c.choices().stream())
                .forEach(choice -> choice.delta().content().ifPresent(text::append));
        assertThat(text.toString()).isEqualTo(whole);
        List<ChatCompletionChunk> withChoices = chunks.stream().filter(c -> !c.choices().isEmpty()).toList();
        assertThat(withChoices.getLast().choices().getFirst().finishReason()).isPresent();
        assertThat(chunks.getLast().usage()).isPresent().get()
                .satisfies(u -> assertThat(u.completionTokens()).isPositive());
        if (whole.strip().length() >= 12) {
            assertThat(output.getAll()).doesNotContain(whole.strip());
        }
    }

    @Test
    void sdk_textCompletion_countsPromptTokensLikeTheTokenCounter() throws Exception {
        OpenAIClient openAi = sdk(baseUrl(), key);
        String prompt = "Once upon a time, in a land far away,";

        Completion completion = openAi.completions().create(CompletionCreateParams.builder().model(TINY)
                .prompt(prompt).maxTokens(8).build());
        JsonNode counted = post("/utils/token_counter", "{\"model\": \"%s\", \"prompt\": \"%s\"}"
                .formatted(name, prompt), "authorization", "Bearer " + key);

        assertThat(completion.id()).startsWith("cmpl-");
        assertThat(completion.choices().getFirst().text()).isNotEmpty();
        assertThat(counted.path("tokenizer_type").asText()).isEqualTo("gguf_vocabulary");
        assertThat(counted.path("request_model").asText()).isEqualTo(name);
        assertThat(counted.path("model_used").asText()).isEqualTo(TINY);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(counted.path("total_tokens").asLong());
    }

    @Test
    void sdk_wrongKey_isUnauthorized_unknownModel_isNotFound() {
        assertThatThrownBy(() -> sdk(baseUrl() + "/v1", "sk-wrong").models().list())
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> sdk(baseUrl() + "/v1", key).chat().completions().create(chat("gpt-4o", 4)))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).hasValue("model_not_found"));
    }

    @Test
    void anotherClientsKey_reachesNoDeployment() {
        String otherKey = authenticator.issue(new ClientId("oa-other-" + client));
        OpenAIClient other = sdk(baseUrl() + "/v1", otherKey);

        assertThat(other.models().list().data()).isEmpty();
        for (String model : List.of(deploymentId, name, TINY)) {
            assertThatThrownBy(() -> other.chat().completions().create(chat(model, 4)))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void azureStyleRoute_withApiKeyHeader() throws Exception {
        JsonNode answer = post("/openai/deployments/" + name + "/chat/completions?api-version=2024-10-21",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 4}", "api-key", key);

        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
    }

    @Test
    void streaming_isReal_theFirstChunkArrivesLongBeforeTheEnd() throws Exception {
        streamedCompletion(4); // the first stream of the service creates its async SageMaker client
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "%s", "prompt": "Once", "max_tokens": 1800, "temperature": 0, "stream": true}"""
                        .formatted(name))).build();
        long start = System.nanoTime();

        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long firstChunk = -1;
        int chunks = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: {") && firstChunk < 0) {
                    firstChunk = System.nanoTime() - start;
                }
                chunks += line.startsWith("data: ") ? 1 : 0;
            }
        }
        long end = System.nanoTime() - start;

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(chunks).isGreaterThan(100);
        assertThat(firstChunk).as("first chunk at %d ms, end at %d ms", firstChunk / 1_000_000, end / 1_000_000)
                .isLessThan(end / 4);
    }

    @Test
    void queueRoute_letsRequestsWaitForTheBusyDeployment_insteadOfFailing() throws Exception {
        String body = "{\"model\": \"%s\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], "
                + "\"max_tokens\": 200, \"priority\": %d}";
        List<Future<JsonNode>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                int priority = i;
                answers.add(pool.submit(() -> post("/queue/chat/completions", body.formatted(name, priority),
                        "authorization", "Bearer " + key)));
            }
            for (Future<JsonNode> answer : answers) {
                assertThat(answer.get().path("object").asText()).as(answer.get().toString())
                        .isEqualTo("chat.completion");
            }
        }
    }

    @Test
    void queueRoute_respondAsync_isAnsweredLater_byTheWorkerOnTheQueue() throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/queue/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString(("{\"model\": \"%s\", \"messages\": [{\"role\": "
                        + "\"user\", \"content\": \"Hi\"}], \"max_tokens\": 8}").formatted(name))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String url = JSON.readTree(accepted.body()).path("url").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValue(url);

        HttpResponse<String> answer = null;
        for (int i = 0; i < 120 && (answer == null || answer.statusCode() == 202); i++) {
            Thread.sleep(250);
            answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("object").asText()).isEqualTo("chat.completion");
    }

    @Test
    void usage_isRecordedPerDeployment() throws Exception {
        post("/v1/chat/completions", ("{\"model\": \"%s\", \"messages\": [{\"role\": \"user\", \"content\": "
                + "\"Hi\"}], \"max_tokens\": 3}").formatted(name), "authorization", "Bearer " + key);

        usage.flush();

        List<UsageTotals> minutes = usageStore.find(new ClientId(client), deploymentId,
                started.minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(minutes.stream().mapToLong(UsageTotals::requests).sum()).isPositive();
        assertThat(minutes.stream().mapToLong(UsageTotals::promptTokens).sum()).isPositive();
        assertThat(minutes.stream().mapToLong(UsageTotals::completionTokens).sum()).isPositive();
    }

    private void streamedCompletion(int maxTokens) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"%s\", \"prompt\": \"Once\", \"max_tokens\": %d, "
                        .formatted(name, maxTokens) + "\"stream\": true}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String path, String body, String header, String value) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header(header, value).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
