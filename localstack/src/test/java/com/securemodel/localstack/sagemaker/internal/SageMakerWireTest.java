package com.securemodel.localstack.sagemaker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.localstack.llm.Generation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

/** Pins the bytes the SDK and TGI clients parse: event-stream frames, TGI and Messages API bodies, error shapes. */
class SageMakerWireTest {

    @Test
    void payloadPartFrame_carriesTheEventHeadersAndTheBytes() {
        Message frame = Message.decode(ByteBuffer.wrap(EventStreamResponse.payloadPartFrame(bytes("data:{}\n\n"))));

        assertThat(frame.getHeaders().get(":message-type").getString()).isEqualTo("event");
        assertThat(frame.getHeaders().get(":event-type").getString()).isEqualTo("PayloadPart");
        assertThat(frame.getHeaders().get(":content-type").getString()).isEqualTo("application/octet-stream");
        assertThat(new String(frame.getPayload(), StandardCharsets.UTF_8)).isEqualTo("data:{}\n\n");
    }

    @Test
    void modelStreamErrorFrame_isAnExceptionWithMessageAndErrorCode() {
        Message frame = Message.decode(ByteBuffer.wrap(EventStreamResponse.modelStreamErrorFrame("bad", "StreamBroken")));

        assertThat(frame.getHeaders().get(":message-type").getString()).isEqualTo("exception");
        assertThat(frame.getHeaders().get(":exception-type").getString()).isEqualTo("ModelStreamError");
        assertThat(new String(frame.getPayload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"Message\":\"bad\",\"ErrorCode\":\"StreamBroken\"}");
    }

    @Test
    void generated_withoutDetails_isOnlyTheText_withDetails_listsTheTokensAndInputLength() {
        Generation generation = new Generation(" world", "length", 1, 2);
        TgiRequest plain = TgiRequest.parse(bytes("{\"inputs\":\"Hello\"}"));
        TgiRequest detailed = TgiRequest.parse(bytes("{\"inputs\":\"Hello\",\"parameters\":{\"details\":true,"
                + "\"return_full_text\":true}}"));

        assertThat(str(TgiFormat.generated(plain, generation, List.of()))).isEqualTo("[{\"generated_text\":\" world\"}]");
        assertThat(str(TgiFormat.generated(detailed, generation, List.of(new Token(5, " world", false)))))
                .isEqualTo("[{\"generated_text\":\"Hello world\",\"details\":{\"finish_reason\":\"length\","
                        + "\"generated_tokens\":1,\"input_length\":2,\"seed\":null,\"prefill\":[],\"tokens\":[{\"id\":5,"
                        + "\"text\":\" world\",\"logprob\":null,\"special\":false}]}}]");
    }

    @Test
    void streamEvents_carryTheTextOnlyInTheLastOne() {
        TgiRequest request = TgiRequest.parse(bytes("{\"inputs\":\"Hi\",\"parameters\":{\"seed\":3,\"do_sample\":true}}"));

        assertThat(str(TgiFormat.tokenEvent(new Token(7, "a", false), 1))).isEqualTo("data:{\"index\":1,\"token\":"
                + "{\"id\":7,\"text\":\"a\",\"logprob\":null,\"special\":false},\"top_tokens\":null,"
                + "\"generated_text\":null,\"details\":null}\n\n");
        assertThat(str(TgiFormat.lastTokenEvent(request, new Token(8, "b", false), 2,
                new Generation("ab", "eos_token", 2, 4))))
                .isEqualTo("data:{\"index\":2,\"token\":{\"id\":8,\"text\":\"b\",\"logprob\":null,\"special\":false},"
                        + "\"top_tokens\":null,\"generated_text\":\"ab\",\"details\":{\"finish_reason\":\"eos_token\","
                        + "\"generated_tokens\":2,\"input_length\":4,\"seed\":3}}\n\n");
    }

    @Test
    void chatCompletion_hasOpenAiFields_andMapsFinishReasons() {
        assertThat(str(ChatFormat.completion("m", new Generation("hi", "eos_token", 1, 9), 100)))
                .isEqualTo("{\"object\":\"chat.completion\",\"id\":\"\",\"created\":100,\"model\":\"m\","
                        + "\"system_fingerprint\":\"securemodel-sagemaker-emulator\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"logprobs\":null,"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,"
                        + "\"total_tokens\":10}}");
    }

    @Test
    void parse_mapsTgiParametersToTheSpec() {
        TgiRequest request = TgiRequest.parse(bytes("{\"inputs\":\"x\",\"parameters\":{\"max_new_tokens\":7,"
                + "\"temperature\":0.5,\"top_p\":0.9,\"top_k\":40,\"repetition_penalty\":1.1,\"stop\":[\"\\n\"],"
                + "\"seed\":9}}"));

        assertThat(request.spec().maxNewTokens()).isEqualTo(7);
        assertThat(request.spec().doSample()).isTrue();
        assertThat(request.spec().topK()).isEqualTo(40);
        assertThat(request.spec().stop()).containsExactly("\n");
        assertThat(request.spec().seed()).isEqualTo(9L);
        assertThat(TgiRequest.parse(bytes("{\"inputs\":\"x\"}")).spec().maxNewTokens())
                .isEqualTo(TgiRequest.DEFAULT_MAX_NEW_TOKENS);
    }

    @Test
    void parse_rejectsLikeTgi() {
        assertRejected("{\"inputs\":\"x\",\"parameters\":{\"max_new_tokens\":-1}}", 422,
                "parameters.max_new_tokens: invalid value: integer `-1`, expected u32");
        assertRejected("{\"inputs\":\"x\",\"parameters\":{\"max_new_tokens\":0}}", 422,
                "`max_new_tokens` must be strictly positive");
        assertRejected("{\"inputs\":\"x\",\"parameters\":{\"temperature\":\"hot\"}}", 422, "expected f32");
        assertRejected("{\"inputs\":\"x\",\"parameters\":{\"top_p\":1.0}}", 422, "`top_p` must be > 0.0 and < 1.0");
        assertRejected("{\"parameters\":{}}", 422, "missing field `inputs`");
        assertRejected("{\"inputs\":", 400, "Failed to parse the request body as JSON");
    }

    @Test
    void modelError_wrapsTheContainersTgiError() {
        AwsErrorException error = RuntimeErrors.modelError("ep", "us-east-1", new ContainerRejection(422, "bad"));

        assertThat(error.httpStatus()).isEqualTo(424);
        assertThat(error.code()).isEqualTo("ModelError");
        assertThat(error.body().get("OriginalStatusCode").asInt()).isEqualTo(422);
        assertThat(error.body().get("OriginalMessage").asText()).isEqualTo("{\"error\":\"bad\",\"error_type\":\"validation\"}");
        assertThat(error.body().get("Message").asText()).startsWith("Received client error (422) from primary");
    }

    @Test
    void modelIdFromS3Url_isTheKeyWithoutArchiveName() {
        assertThat(ModelIds.fromS3Url("s3://bucket/ZimaBlueAI/HuatuoGPT-o1-8B/model.tar.gz"))
                .isEqualTo("ZimaBlueAI/HuatuoGPT-o1-8B");
        assertThat(ModelIds.fromS3Url("s3://bucket/securemodel/tiny-random-llama/")).isEqualTo("securemodel/tiny-random-llama");
        assertThat(ModelIds.fromS3Url("s3://bucket/org/name.gguf")).isEqualTo("org/name");
    }

    private static void assertRejected(String body, int status, String message) {
        assertThatThrownBy(() -> TgiRequest.parse(bytes(body)))
                .isInstanceOfSatisfying(ContainerRejection.class, e -> assertThat(e.status()).isEqualTo(status))
                .hasMessageContaining(message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
