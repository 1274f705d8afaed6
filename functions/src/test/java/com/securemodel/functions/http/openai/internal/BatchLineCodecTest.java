package com.securemodel.functions.http.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.batch.BatchLine;
import com.securemodel.core.batch.BatchSummary;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.ChatMessage;
import com.securemodel.core.generation.GenerateResult;
import com.securemodel.core.generation.Usage;
import com.securemodel.functions.http.openai.OpenAiJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three input formats, every kind of bad line, and the output lines in OpenAI's batch output format. */
class BatchLineCodecTest {

    private final BatchLineCodec codec = new BatchLineCodec(OpenAiJson.create());
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void blankLinesAreSkipped() {
        assertThat(codec.parse(0, "")).isNull();
        assertThat(codec.parse(3, "   \t ")).isNull();
    }

    @Test
    void aTextLineIsAPromptWithTheLineNumberAsId() {
        BatchLine line = codec.parse(4, "  What is a normal resting heart rate?  ");

        assertThat(line.error()).isNull();
        assertThat(line.customId()).isEqualTo("line-5");
        assertThat(line.url()).isEqualTo(BatchLine.COMPLETIONS);
        assertThat(line.model()).isNull();
        assertThat(line.request().prompt()).isEqualTo("What is a normal resting heart rate?");
        assertThat(line.request().chat()).isFalse();
    }

    @Test
    void aPlainPromptLineCarriesItsSettings() {
        BatchLine line = codec.parse(0, """
                {"id": 17, "prompt": "Define tachycardia.", "max_tokens": 12, "temperature": 0.2, "top_p": 0.9, \
                "stop": "\\n"}""");

        assertThat(line.error()).isNull();
        assertThat(line.customId()).isEqualTo("17");
        assertThat(line.request().prompt()).isEqualTo("Define tachycardia.");
        assertThat(line.request().maxTokens()).isEqualTo(12);
        assertThat(line.request().temperature()).isEqualTo(0.2);
        assertThat(line.request().topP()).isEqualTo(0.9);
        assertThat(line.request().stop()).containsExactly("\n");
    }

    @Test
    void aPlainPromptWithoutIdGetsTheLineNumber() {
        assertThat(codec.parse(9, "{\"prompt\": \"hi\"}").customId()).isEqualTo("line-10");
    }

    @Test
    void anOpenAiChatLineBecomesAChatRequestForItsModel() {
        BatchLine line = codec.parse(0, """
                {"custom_id": "req-1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": \
                "triage", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": \
                "Hello"}], "max_tokens": 8, "temperature": 0}}""");

        assertThat(line.error()).isNull();
        assertThat(line.customId()).isEqualTo("req-1");
        assertThat(line.chat()).isTrue();
        assertThat(line.model()).isEqualTo("triage");
        assertThat(line.request().messages()).containsExactly(new ChatMessage("system", "Be brief."),
                new ChatMessage("user", "Hello"));
        assertThat(line.request().maxTokens()).isEqualTo(8);
        assertThat(line.request().temperature()).isEqualTo(0.0);
    }

    @Test
    void anOpenAiCompletionLineBecomesAPromptRequest() {
        BatchLine line = codec.parse(2, """
                {"custom_id": "c", "url": "/v1/completions", "body": {"model": "m", "prompt": "Say hi", \
                "max_tokens": 3}}""");

        assertThat(line.error()).isNull();
        assertThat(line.chat()).isFalse();
        assertThat(line.url()).isEqualTo(BatchLine.COMPLETIONS);
        assertThat(line.request().prompt()).isEqualTo("Say hi");
        assertThat(line.request().maxTokens()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                      | {"prompt": "x"                                                       | line-1 | is not valid JSON
            not an object                 | {"a": 1} trailing                                                     | line-1 | is not valid JSON
            unknown plain field           | {"prompt": "x", "patient": "y"}                                       | line-1 | Unknown field 'patient'
            missing prompt                | {"id": "a", "max_tokens": 3}                                          | a      | prompt is required
            empty prompt                  | {"prompt": ""}                                                        | line-1 | prompt is required
            plain field of the wrong type | {"prompt": "x", "max_tokens": "many"}                                 | line-1 | Field 'max_tokens'
            missing custom_id             | {"url": "/v1/completions", "body": {"model": "m", "prompt": "x"}}    | line-1 | custom_id is required
            wrong method                  | {"custom_id": "k", "method": "GET", "url": "/v1/completions", "body": {"prompt": "x"}} | k | method must be POST
            other url                     | {"custom_id": "k", "url": "/v1/embeddings", "body": {"input": "x"}}  | k      | url must be
            missing body                  | {"custom_id": "k", "url": "/v1/completions"}                          | k      | body is required
            unknown line field            | {"custom_id": "k", "url": "/v1/completions", "body": {"prompt": "x"}, "extra": 1} | k | Unknown field 'extra'
            unknown body field            | {"custom_id": "k", "url": "/v1/completions", "body": {"prompt": "x", "tools_x": 1}} | k | tools_x
            """)
    void aBadLineSaysWhatIsWrongAndKeepsItsId(String what, String text, String id, String message) {
        BatchLine line = codec.parse(0, text);

        assertThat(line.error()).as(what).isNotNull();
        assertThat(line.request()).isNull();
        assertThat(line.customId()).isEqualTo(id);
        assertThat(line.error().getMessage()).contains(message);
    }

    @Test
    void onlyALineThatOpensAnObjectIsReadAsJson() {
        BatchLine line = codec.parse(1, "[1, 2] is how a list looks");

        assertThat(line.error()).isNull();
        assertThat(line.request().prompt()).isEqualTo("[1, 2] is how a list looks");
    }

    @Test
    void aChatAnswerIsAnOpenAiBatchOutputLine() throws Exception {
        BatchLine line = codec.parse(0, """
                {"custom_id": "req-1", "url": "/v1/chat/completions", "body": {"model": "triage", "messages": \
                [{"role": "user", "content": "Hello"}]}}""");
        GenerateResult result = new GenerateResult("gen_1", "dep_1", null, "Hi there", "stop", new Usage(5, 2),
                Instant.ofEpochSecond(1_700_000_000));

        JsonNode out = mapper.readTree(codec.success(line, result, "triage", "batch_req_abc123"));

        assertThat(out.get("id").asText()).isEqualTo("batch_req_abc123");
        assertThat(out.get("custom_id").asText()).isEqualTo("req-1");
        assertThat(out.get("error").isNull()).isTrue();
        JsonNode response = out.get("response");
        assertThat(response.get("status_code").asInt()).isEqualTo(200);
        assertThat(response.get("request_id").asText()).isEqualTo("req_abc123");
        JsonNode body = response.get("body");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("id").asText()).isEqualTo("chatcmpl-abc123");
        assertThat(body.get("model").asText()).isEqualTo("triage");
        assertThat(body.get("created").asLong()).isEqualTo(1_700_000_000L);
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hi there");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void aCompletionAnswerIsATextCompletionBody() throws Exception {
        BatchLine line = codec.parse(0, "Say hi");
        GenerateResult result = new GenerateResult("gen_2", "dep_1", "Say hi", " hi", "length", new Usage(2, 1),
                Instant.ofEpochSecond(1_700_000_001));

        JsonNode body = mapper.readTree(codec.success(line, result, "dep_1", "batch_req_x9")).at("/response/body");

        assertThat(body.get("object").asText()).isEqualTo("text_completion");
        assertThat(body.get("id").asText()).isEqualTo("cmpl-x9");
        assertThat(body.at("/choices/0/text").asText()).isEqualTo(" hi");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void aFailedLineCarriesTheErrorInBothPlaces() throws Exception {
        BatchLine line = codec.parse(0, "{\"custom_id\": \"k\", \"url\": \"/v1/embeddings\", \"body\": {}}");

        JsonNode out = mapper.readTree(codec.failure(line, line.error(), "batch_req_e1"));

        assertThat(out.get("custom_id").asText()).isEqualTo("k");
        assertThat(out.at("/response/status_code").asInt()).isEqualTo(400);
        assertThat(out.at("/response/request_id").asText()).isEqualTo("req_e1");
        assertThat(out.at("/response/body/error/message").asText()).contains("url must be");
        assertThat(out.at("/response/body/error/type").asText()).isNotEmpty();
        assertThat(out.at("/error/code").asText()).isEqualTo(ErrorCode.INVALID_REQUEST.wire());
        assertThat(out.at("/error/message").asText()).contains("url must be");
    }

    @Test
    void aServiceFailureKeepsItsStatus() throws Exception {
        BatchLine line = codec.parse(0, "Say hi");
        ServiceException missing = new ServiceException(ErrorCode.RESOURCE_NOT_FOUND, "No deployment named 'x'");

        JsonNode out = mapper.readTree(codec.failure(line, missing, "batch_req_n1"));

        assertThat(out.at("/response/status_code").asInt()).isEqualTo(404);
        assertThat(out.at("/error/code").asText()).isEqualTo("resource_not_found");
    }

    @Test
    void theSummaryUsesSnakeCase() throws Exception {
        BatchSummary summary = new BatchSummary("batch_1", "completed", "batch-input/c/d/f.jsonl", 3, 2, 1, 10, 20,
                1.5, 1.0, 20.0, "ml.g4dn.xlarge", 1, 0.0002);

        JsonNode out = mapper.readTree(codec.summary(summary));

        assertThat(out.get("batch_id").asText()).isEqualTo("batch_1");
        assertThat(out.get("succeeded").asLong()).isEqualTo(2);
        assertThat(out.get("tokens_per_second").asDouble()).isEqualTo(20.0);
        assertThat(out.get("cost_estimate_usd").asDouble()).isEqualTo(0.0002);
    }
}
