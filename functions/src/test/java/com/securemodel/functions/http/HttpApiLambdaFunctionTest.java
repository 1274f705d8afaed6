package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The Lambda function {@code httpApi} reads Lambda's bytes into the event and writes the response JSON that the AWS
 * adapter wrote for the response type before (with the Lambda context's mapper, {@code LambdaApplication}).
 */
class HttpApiLambdaFunctionTest {

    private static final ObjectMapper TREES = new ObjectMapper();
    /** The adapter's mapper as {@code LambdaApplication} defines it. */
    private static final JsonMapper ADAPTER = new JacksonMapper(new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));

    private final HttpApiHarness harness = new HttpApiHarness();
    private final HttpApiLambdaFunction function = new HttpApiLambdaFunction(harness.api);

    @Test
    void write_isTheJsonTheAdapterWroteForTheResponseType() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Odd", "quote \" backslash \\ tab \t é ✓ \u0001");
        List<APIGatewayV2HTTPResponse> responses = List.of(
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers)
                        .withBody("{\"data\":[1,2],\"text\":\"line\\nbreak\"}").withIsBase64Encoded(false).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(404).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(201).withBody("").withHeaders(Map.of()).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("e30=").withIsBase64Encoded(true)
                        .withCookies(List.of("a=1; Secure", "b=2"))
                        .withMultiValueHeaders(Map.of("Vary", List.of("Accept", "Origin"), "X-None", List.of()))
                        .build());

        for (APIGatewayV2HTTPResponse response : responses) {
            byte[] ours = HttpApiLambdaFunction.write(response);

            assertThat(TREES.readTree(ours)).as(response.toString()).isEqualTo(TREES.readTree(ADAPTER.toJson(response)));
        }
    }

    @Test
    void apply_answersASampleEventAsLambdaHandsItOver() throws Exception {
        byte[] event = Files.readAllBytes(Path.of("..", "events", "apigw", "health.json"));

        Message<byte[]> answer = function.apply(new ByteArrayInputStream(event));

        assertThat(answer.getHeaders().get(MessageHeaders.CONTENT_TYPE)).isEqualTo("application/octet-stream");
        APIGatewayV2HTTPResponse response = TREES.readValue(answer.getPayload(), APIGatewayV2HTTPResponse.class);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("X-Request-ID", "JKJaXmPLIAMEAAA=");
        assertThat(TREES.readTree(response.getBody()).path("status").asText()).isEqualTo("ok");
        assertThat(response.getIsBase64Encoded()).isFalse();
    }

    @Test
    void apply_refusesWhatIsNotAnEvent() {
        for (String bad : List.of("null", "[1]", "{\"headers\":\"x\"}", "{", "")) {
            assertThatThrownBy(() -> function.apply(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Not an API Gateway HTTP API event");
        }
    }
}
