package com.securemodel.functions.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TgiJsonTest {

    @Test
    void request_isTheTgiBodyWithDetails() {
        byte[] body = TgiJson.request(new InvocationRequest("Hi", 16, 0.7, 0.9, 40, List.of("\n"), 7L), false);

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"inputs\":\"Hi\",\"parameters\":"
                + "{\"max_new_tokens\":16,\"temperature\":0.7,\"top_p\":0.9,\"top_k\":40,\"stop\":[\"\\n\"],"
                + "\"seed\":7,\"details\":true}}");
    }

    @Test
    void request_omitsDefaults() {
        byte[] body = TgiJson.request(new InvocationRequest("Hi", 1, null, null, null, null, null), true);

        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("{\"inputs\":\"Hi\",\"parameters\":{\"max_new_tokens\":1,\"details\":true},\"stream\":true}");
    }

    @Test
    void response_readsTextFinishReasonAndTokenCounts() {
        String body = "[{\"generated_text\":\" world\",\"details\":{\"finish_reason\":\"eos_token\","
                + "\"generated_tokens\":2,\"prefill\":[{\"id\":1},{\"id\":2},{\"id\":3}],\"tokens\":[]}}]";

        assertThat(TgiJson.response(body.getBytes(StandardCharsets.UTF_8), "Hello"))
                .isEqualTo(new InvocationResult(" world", "eos_token", 3, 2));
    }

    @Test
    void response_withoutPromptCount_estimatesFourCharactersPerToken() {
        String body = "[{\"generated_text\":\"x\",\"details\":{\"finish_reason\":\"length\",\"generated_tokens\":1,"
                + "\"prefill\":[]}}]";

        assertThat(TgiJson.response(body.getBytes(StandardCharsets.UTF_8), "12345678").promptTokens()).isEqualTo(2);
    }

    @Test
    void sseDecoder_reassemblesEventsSplitAcrossParts() {
        List<String> data = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(data::add);

        decoder.accept("data:{\"a\":1}\n\ndata:{\"b\"".getBytes(StandardCharsets.UTF_8));
        decoder.accept(":2}\n".getBytes(StandardCharsets.UTF_8));
        decoder.accept("\ndata:{\"c\":3}".getBytes(StandardCharsets.UTF_8));
        decoder.finish();

        assertThat(data).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void sseDecoder_keepsAMultiByteCharacterSplitAcrossParts() {
        List<String> data = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(data::add);
        byte[] stream = "data:{\"a\":1}\n\ndata:{\"text\":\"fièvre\"}\n\n".getBytes(StandardCharsets.UTF_8);
        int insideE = "data:{\"a\":1}\n\ndata:{\"text\":\"fi".length() + 1; // after the first byte of 'è'

        decoder.accept(java.util.Arrays.copyOfRange(stream, 0, insideE)); // one whole event, then half a character
        decoder.accept(java.util.Arrays.copyOfRange(stream, insideE, stream.length));

        assertThat(data).containsExactly("{\"a\":1}", "{\"text\":\"fièvre\"}");
    }

    @Test
    void response_thatIsNotJson_failsWithoutQuotingIt() {
        assertThatThrownBy(() -> TgiJson.response("Patient John Doe has".getBytes(StandardCharsets.UTF_8), "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("John"));
    }

    @Test
    void streamEvent_lastOneCarriesTheResult() {
        TgiJson.StreamEvent event = TgiJson.streamEvent("{\"index\":2,\"token\":{\"id\":5,\"text\":\"!\","
                + "\"special\":false},\"generated_text\":\"Hi!\",\"details\":{\"finish_reason\":\"length\","
                + "\"generated_tokens\":2,\"input_length\":4}}", "Hey");

        assertThat(event.tokenText()).isEqualTo("!");
        assertThat(event.last()).isEqualTo(new InvocationResult("Hi!", "length", 4, 2));
    }

    @Test
    void chatRequest_isAMessagesBody_withEverySamplingField_andUsageAskedForWhenStreaming() throws Exception {
        var request = new com.securemodel.core.hosting.InvocationRequest(null, java.util.List.of(
                new com.securemodel.core.generation.ChatMessage("system", "Be brief."),
                new com.securemodel.core.generation.ChatMessage("user", "Hi")), 32, 0.0, 0.9, 40, 1.1, 0.5, -0.5,
                java.util.List.of("\n\n"), 7L);

        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(TgiJson.request(request, true));

        assertThat(body.toString()).isEqualTo("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":32,\"temperature\":0.0,\"top_p\":0.9,"
                + "\"top_k\":40,\"repetition_penalty\":1.1,\"presence_penalty\":0.5,\"frequency_penalty\":-0.5,"
                + "\"stop\":[\"\\n\\n\"],\"seed\":7,\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void promptRequest_withTemperatureZero_isGreedy_withoutSamplingParameters() throws Exception {
        var request = new com.securemodel.core.hosting.InvocationRequest("Hi", 8, 0.0, 0.9, 40,
                java.util.List.of(), null);

        var parameters = new com.fasterxml.jackson.databind.ObjectMapper().readTree(TgiJson.request(request, false))
                .path("parameters");

        assertThat(parameters.path("do_sample").asBoolean(true)).isFalse();
        assertThat(parameters.has("temperature")).isFalse();
        assertThat(parameters.has("top_p")).isFalse();
        assertThat(parameters.has("top_k")).isFalse();
    }

    @Test
    void chatStream_readsTgiEventsAndLmiJsonLines_alike() {
        for (String stream : java.util.List.of(
                "data:{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}],"
                        + "\"usage\":null}\n\n: keep-alive\n\ndata:{\"choices\":[{\"delta\":{\"content\":\"lo\"},"
                        + "\"finish_reason\":\"stop\"}]}\n\ndata:{\"choices\":[],\"usage\":{\"prompt_tokens\":9,"
                        + "\"completion_tokens\":2}}\n\ndata:[DONE]\n\n",
                "{\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n{\"choices\":[{\"delta\":{\"content\":\"lo\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}\n")) {
            TgiJson.ChatStream chat = new TgiJson.ChatStream(10);
            java.util.List<String> pieces = new java.util.ArrayList<>();
            SseDecoder decoder = new SseDecoder(data -> {
                String text = chat.accept(data);
                if (text != null) {
                    pieces.add(text);
                }
            });
            byte[] bytes = stream.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += 7) {
                decoder.accept(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 7)));
            }
            decoder.finish();

            assertThat(pieces).containsExactly("Hel", "lo");
            assertThat(chat.result()).isEqualTo(new com.securemodel.core.hosting.InvocationResult("Hello", "stop", 9, 2));
        }
    }
}
