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
}
