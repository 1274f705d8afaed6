package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.InvocationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenAI-compatible routes through the HTTP function over the real core services and fakes of the ports: every
 * alias, key-only authentication, the {@code /v1/models} rule, strict arguments, OpenAI's error shape, and streams.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenAiRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpApiHarness harness = new HttpApiHarness();
    private String deploymentId;

    @BeforeEach
    void runningDeployment() {
        deploymentId = harness.runningDeployment("clinical-assistant", HttpApiHarness.CLIENT, HttpApiHarness.KEY);
        harness.invoker.answer(new InvocationResult("Nausea and diarrhea are common.", "eos_token", 21, 7));
    }

    private APIGatewayV2HTTPResponse chat(String method, String path, String model) {
        return harness.call(ApiEvents.at(ApiEvents.load("openai-chat-completions.json", "model", model), method,
                path));
    }

    private APIGatewayV2HTTPResponse post(String path, String body) {
        return harness.call(ApiEvents.withBody(ApiEvents.at(ApiEvents.load("openai-chat-completions.json",
                "model", "x"), "POST", path), body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/chat/completions", "/v1/chat/completions", "/queue/chat/completions"})
    void chat_onEveryAlias_answersAChatCompletion(String path) {
        APIGatewayV2HTTPResponse response = chat("POST", path, "clinical-assistant");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode body = harness.body(response);
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo("clinical-assistant");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Nausea and diarrhea are common.");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/choices/0").has("logprobs")).isTrue();
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(21);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(7);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(28);
        var sent = harness.invoker.lastCall().request();
        assertThat(sent.messages()).hasSize(2);
        assertThat(sent.temperature()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engines/%s/chat/completions", "/openai/deployments/%s/chat/completions"})
    void chat_withTheModelInThePath_usesIt(String template) {
        var event = ApiEvents.withBody(ApiEvents.at(ApiEvents.load("openai-chat-completions.json", "model", "x"),
                "POST", template.formatted(deploymentId)), "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        event.setRawQueryString("api-version=2024-10-21");
        ApiEvents.withHeader(ApiEvents.withHeader(event, "authorization", null), "api-key", HttpApiHarness.KEY);

        APIGatewayV2HTTPResponse response = harness.call(event);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(harness.body(response).path("model").asText()).isEqualTo(deploymentId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/completions", "/v1/completions", "/engines/clinical-assistant/completions",
            "/openai/deployments/clinical-assistant/completions"})
    void textCompletion_onEveryAlias_answersATextCompletion(String path) {
        APIGatewayV2HTTPResponse response = post(path, path.contains("clinical-assistant")
                ? "{\"prompt\": [\"Once upon a time\"], \"max_tokens\": 8}"
                : "{\"model\": \"securemodel/tiny-random-llama\", \"prompt\": \"Once upon a time\", \"max_tokens\": 8}");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode body = harness.body(response);
        assertThat(body.path("id").asText()).startsWith("cmpl-");
        assertThat(body.path("object").asText()).isEqualTo("text_completion");
        assertThat(body.at("/choices/0/text").asText()).isEqualTo("Nausea and diarrhea are common.");
        assertThat(harness.invoker.lastCall().request().prompt()).isEqualTo("Once upon a time");
        assertThat(harness.invoker.lastCall().request().maxNewTokens()).isEqualTo(8);
    }

    @Test
    void chat_streamed_isServerSentEvents_roleFirst_finishLast_usageWhenAsked_thenDone() {
        APIGatewayV2HTTPResponse response = post("/v1/chat/completions", """
                {"model": "clinical-assistant", "messages": [{"role": "user", "content": "Hi"}], "stream": true,
                 "stream_options": {"include_usage": true}}""");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/event-stream");
        List<String> data = events(response.getBody());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(OpenAiRoutesTest::json).toList();
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).isEqualTo("Nausea and diarrhea are common.");
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.getLast();
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(28);
        assertThat(chunks.stream().map(c -> c.path("id").asText()).distinct()).hasSize(1);
    }

    @Test
    void stream_thatFailsMidway_endsWithAnErrorEvent_withoutModelTextInIt_norInAnyLogLine(CapturedOutput output) {
        harness.invoker.failMidStream(2, new ServiceException(ErrorCode.DEPLOYMENT_ERROR, 502,
                "The model on endpoint sms-x failed while streaming (StreamBroken)", null));

        APIGatewayV2HTTPResponse response = post("/v1/chat/completions", """
                {"model": "clinical-assistant", "messages": [{"role": "user", "content": "Hi"}], "stream": true}""");

        List<String> data = events(response.getBody());
        assertThat(data).doesNotContain("[DONE]");
        JsonNode error = json(data.getLast());
        assertThat(error.at("/error/type").asText()).isEqualTo("server_error");
        assertThat(error.at("/error/message").asText()).contains("StreamBroken").doesNotContain("diarrhea");
        assertThat(data.subList(0, data.size() - 1)).hasSize(2);
        assertThat(output.getAll()).doesNotContain("diarrhea").doesNotContain("Nausea")
                .doesNotContain(HttpApiHarness.KEY);
    }

    @Test
    void stream_thatFailsBeforeItsFirstToken_isAnOrdinaryErrorResponse() {
        harness.invoker.fail(new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The model runtime is unavailable"));

        APIGatewayV2HTTPResponse response = post("/v1/chat/completions", """
                {"model": "clinical-assistant", "messages": [{"role": "user", "content": "Hi"}], "stream": true}""");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(harness.body(response).at("/error/type").asText()).isEqualTo("server_error");
    }

    @Test
    void v1Models_withoutClientId_isOpenAisList_withClientId_isThePaitientCatalog() {
        var openAi = ApiEvents.as(ApiEvents.load("get-models.json"), null, HttpApiHarness.KEY);
        var paitient = ApiEvents.load("get-models.json");

        JsonNode list = harness.body(harness.call(openAi));
        JsonNode catalog = harness.body(harness.call(paitient));

        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data")).extracting(m -> m.path("id").asText())
                .containsExactly("clinical-assistant", "securemodel/tiny-random-llama");
        assertThat(list.at("/data/0/object").asText()).isEqualTo("model");
        assertThat(list.at("/data/0/owned_by").asText()).isEqualTo(HttpApiHarness.CLIENT);
        assertThat(catalog.path("models")).isNotEmpty();
    }

    @Test
    void wrongKey_is401InOpenAisShape() {
        var event = ApiEvents.as(ApiEvents.load("openai-chat-completions.json", "model", "clinical-assistant"),
                null, "sk-wrong");

        APIGatewayV2HTTPResponse response = harness.call(event);

        assertThat(response.getStatusCode()).isEqualTo(401);
        JsonNode error = harness.body(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("message").asText()).isNotBlank();
    }

    @Test
    void anotherClientsKey_reachesNoDeployment_byAnyModelValue() {
        for (String model : List.of(deploymentId, "clinical-assistant", "securemodel/tiny-random-llama")) {
            var event = ApiEvents.as(ApiEvents.load("openai-chat-completions.json", "model", model), null,
                    harness.otherKey);

            APIGatewayV2HTTPResponse response = harness.call(event);

            assertThat(response.getStatusCode()).isEqualTo(404);
            assertThat(harness.body(response).at("/error/code").asText()).isEqualTo("model_not_found");
            assertThat(harness.body(response).at("/error/param").asText()).isEqualTo("model");
        }
        assertThat(harness.invoker.calls()).isEmpty();
    }

    @Test
    void badArguments_are400_namingTheParam() {
        Map<String, String> cases = Map.of(
                "{\"model\": \"clinical-assistant\", \"messages\": [], \"max_token\": 5}", "max_token",
                "{\"model\": \"clinical-assistant\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"n\": 2}",
                "n",
                "{\"model\": \"clinical-assistant\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], "
                        + "\"logprobs\": true}", "logprobs",
                "{\"model\": \"clinical-assistant\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], "
                        + "\"tools\": [{\"type\": \"function\"}]}", "tools",
                "{\"model\": \"clinical-assistant\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], "
                        + "\"max_tokens\": \"ten\"}", "max_tokens",
                "{\"model\": \"clinical-assistant\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], "
                        + "\"temperature\": 3}", "temperature",
                "{\"model\": \"clinical-assistant\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], "
                        + "\"priority\": 1}", "priority");
        cases.forEach((body, param) -> {
            APIGatewayV2HTTPResponse response = post("/v1/chat/completions", body);
            assertThat(response.getStatusCode()).as(body).isEqualTo(400);
            JsonNode error = harness.body(response).path("error");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("param").asText()).as(error.toString()).isEqualTo(param);
        });
        assertThat(harness.invoker.calls()).isEmpty();
    }

    @Test
    void explicitNulls_meanNotGiven_andTemperatureZeroIsAccepted() {
        APIGatewayV2HTTPResponse response = post("/v1/chat/completions", """
                {"model": "clinical-assistant", "messages": [{"role": "user", "content": [{"type": "text",
                 "text": "Hi"}]}], "stop": null, "temperature": 0, "top_p": null, "seed": 3, "user": "u-1",
                 "presence_penalty": 0.1, "frequency_penalty": 0.2, "top_k": 5, "repetition_penalty": 1.1,
                 "max_completion_tokens": 12, "logprobs": false, "n": 1}""");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        var sent = harness.invoker.lastCall().request();
        assertThat(sent.messages().getFirst().content()).isEqualTo("Hi");
        assertThat(List.of(sent.maxNewTokens(), sent.topK(), sent.seed())).containsExactly(12, 5, 3L);
        assertThat(List.of(sent.temperature(), sent.presencePenalty(), sent.frequencyPenalty(),
                sent.repetitionPenalty())).containsExactly(0.0, 0.1, 0.2, 1.1);
    }

    @Test
    void deploymentNotRunning_isAConflictThatSaysItsStatus() {
        harness.call(ApiEvents.load("delete-deployment.json", "deployment_id", deploymentId));

        APIGatewayV2HTTPResponse response = chat("POST", "/v1/chat/completions", deploymentId);

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(harness.body(response).at("/error/message").asText()).contains("deleting");
    }

    @Test
    void unknownPathOrMethod_underOpenAiPrefixes_answersInOpenAisShape() {
        APIGatewayV2HTTPResponse notFound = post("/v1/embeddings", "{}");
        APIGatewayV2HTTPResponse notAllowed = chat("GET", "/chat/completions", "x");

        assertThat(notFound.getStatusCode()).isEqualTo(404);
        assertThat(harness.body(notFound).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(notAllowed.getStatusCode()).isEqualTo(405);
        assertThat(notAllowed.getHeaders()).containsEntry("Allow", "POST");
        assertThat(harness.body(notAllowed).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void tokenCounter_countsWithTheCounterOfTheDeploymentsModel() {
        APIGatewayV2HTTPResponse response = post("/utils/token_counter",
                "{\"model\": \"clinical-assistant\", \"prompt\": \"one two three\"}");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode body = harness.body(response);
        assertThat(body.path("total_tokens").asInt()).isEqualTo(3);
        assertThat(body.path("request_model").asText()).isEqualTo("clinical-assistant");
        assertThat(body.path("model_used").asText()).isEqualTo("words");
        assertThat(post("/utils/token_counter", "{\"model\": \"m\", \"prompt\": \"a\", \"messages\": []}")
                .getStatusCode()).isEqualTo(400);
    }

    @Test
    void everyCall_recordsUsageForItsDeployment() {
        chat("POST", "/v1/chat/completions", "clinical-assistant");
        post("/v1/completions", "{\"model\": \"clinical-assistant\", \"prompt\": \"x\"}");

        harness.usage.flush();

        assertThat(harness.usageStore.added()).singleElement().satisfies(t -> {
            assertThat(t.deploymentId()).isEqualTo(deploymentId);
            assertThat(t.requests()).isEqualTo(2);
            assertThat(t.promptTokens()).isEqualTo(42);
            assertThat(t.completionTokens()).isEqualTo(14);
        });
    }

    @Test
    void queueRoute_withPreferRespondAsync_answers202_thenTheAnswerForTheSameClientOnly() {
        var event = ApiEvents.withHeader(ApiEvents.withBody(ApiEvents.at(ApiEvents.load(
                "openai-chat-completions.json", "model", "x"), "POST", "/queue/chat/completions"),
                "{\"model\": \"clinical-assistant\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], "
                        + "\"priority\": 2}"), "prefer", "respond-async, wait=5");

        APIGatewayV2HTTPResponse accepted = harness.call(event);
        String id = harness.body(accepted).path("id").asText();
        APIGatewayV2HTTPResponse pending = getQueued(id, HttpApiHarness.KEY);
        harness.runQueuedRequests();
        APIGatewayV2HTTPResponse done = getQueued(id, HttpApiHarness.KEY);

        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(202);
        assertThat(accepted.getHeaders()).containsEntry("Preference-Applied", "respond-async")
                .containsEntry("Location", HttpApiHarness.BASE_URL + "/queue/chat/completions/" + id);
        assertThat(pending.getStatusCode()).isEqualTo(202);
        assertThat(harness.body(pending).path("status").asText()).isEqualTo("queued");
        assertThat(done.getStatusCode()).isEqualTo(200);
        assertThat(harness.body(done).path("object").asText()).isEqualTo("chat.completion");
        assertThat(harness.body(done).at("/choices/0/message/content").asText())
                .isEqualTo("Nausea and diarrhea are common.");
        assertThat(getQueued(id, harness.otherKey).getStatusCode()).isEqualTo(404);
    }

    @Test
    void queueRoute_respondAsync_checksTheRequestAtOnce() {
        var streamed = ApiEvents.withHeader(ApiEvents.withBody(ApiEvents.at(ApiEvents.load(
                "openai-chat-completions.json", "model", "x"), "POST", "/queue/chat/completions"),
                "{\"model\": \"clinical-assistant\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], "
                        + "\"stream\": true}"), "prefer", "respond-async");
        var unknown = ApiEvents.withHeader(ApiEvents.withBody(ApiEvents.at(ApiEvents.load(
                "openai-chat-completions.json", "model", "x"), "POST", "/queue/chat/completions"),
                "{\"model\": \"nope\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"),
                "prefer", "respond-async");

        assertThat(harness.call(streamed).getStatusCode()).isEqualTo(400);
        assertThat(harness.call(unknown).getStatusCode()).isEqualTo(404);
        assertThat(harness.asyncRows.sent()).isEmpty();
    }

    private APIGatewayV2HTTPResponse getQueued(String id, String key) {
        var event = ApiEvents.at(ApiEvents.load("openai-chat-completions.json", "model", "x"), "GET",
                "/queue/chat/completions/" + id);
        event.setBody(null);
        return harness.call(ApiEvents.as(event, null, key));
    }

    private static List<String> events(String body) {
        List<String> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (event.startsWith("data: ")) {
                data.add(event.substring(6));
            }
        }
        return data;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
