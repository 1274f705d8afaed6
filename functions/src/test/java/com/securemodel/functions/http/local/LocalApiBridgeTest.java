package com.securemodel.functions.http.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.securemodel.core.fakes.SequentialIdGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import com.securemodel.functions.http.HttpApiFunction;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The servlet request becomes the API Gateway v2 event Lambda would get, and the answer goes back unchanged. */
class LocalApiBridgeTest {

    private final AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
    private final LocalApiBridge bridge = new LocalApiBridge((event, output) -> {
        seen.set(event);
        output.head(201, Map.of("Content-Type", "application/json", "X-Request-ID", "req_1", "Allow", "GET"));
        output.write("{\"ok\":true}");
    }, new SequentialIdGenerator());

    @Test
    void request_becomesPayload2Event() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/deployments/dep%5F1/generate");
        request.setQueryString("tags%5Benv%5D=prod&limit=1");
        request.addHeader("Authorization", "Bearer sk-local-dev");
        request.addHeader("X-Client-ID", "local-dev");
        request.addHeader("Accept", "application/json");
        request.addHeader("Accept", "text/plain");
        request.setContent("{\"prompt\":\"héllo\"}".getBytes(StandardCharsets.UTF_8));

        bridge.handleRequest(request, new MockHttpServletResponse());

        APIGatewayV2HTTPEvent event = seen.get();
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRawPath()).isEqualTo("/v1/deployments/dep%5F1/generate");
        assertThat(event.getRawQueryString()).isEqualTo("tags%5Benv%5D=prod&limit=1");
        assertThat(event.getHeaders()).containsEntry("authorization", "Bearer sk-local-dev")
                .containsEntry("x-client-id", "local-dev").containsEntry("accept", "application/json,text/plain");
        assertThat(event.getBody()).isEqualTo("{\"prompt\":\"héllo\"}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getRequestId()).startsWith("req_");
        assertThat(event.getRequestContext().getTimeEpoch()).isPositive();
    }

    @Test
    void readAtMost_readsTheDeclaredLength_orToTheLimitWhereThereIsNone() throws Exception {
        byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);

        assertThat(LocalApiBridge.readAtMost(new java.io.ByteArrayInputStream(ten), 10, 100)).isEqualTo(ten);
        assertThat(LocalApiBridge.readAtMost(new java.io.ByteArrayInputStream(ten), -1, 100)).isEqualTo(ten);
        assertThat(LocalApiBridge.readAtMost(new java.io.ByteArrayInputStream(ten), -1, 4)).hasSize(4);
        // over the limit: the limit's bytes, so that the function sees a body over it, whatever the length says
        assertThat(LocalApiBridge.readAtMost(new java.io.ByteArrayInputStream(ten), 10, 4)).hasSize(4);
        assertThat(LocalApiBridge.readAtMost(new java.io.ByteArrayInputStream(ten), 1L << 40, 4)).hasSize(4);
        assertThat(LocalApiBridge.readAtMost(new java.io.ByteArrayInputStream(new byte[0]), 0, 4)).isEmpty();
        // more than the length says (a server that does not frame by it): read on, still only up to the limit
        assertThat(LocalApiBridge.readAtMost(new java.io.ByteArrayInputStream(ten), 3, 100)).isEqualTo(ten);
        assertThat(LocalApiBridge.readAtMost(new java.io.ByteArrayInputStream(ten), 0, 100)).isEqualTo(ten);
        assertThat(LocalApiBridge.readAtMost(new java.io.ByteArrayInputStream(ten), 3, 6)).hasSize(6);
    }

    @Test
    void nonUtf8Body_travelsAsBase64() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/deployments");
        byte[] latin1 = {'{', (byte) 0xE9, '}'};
        request.setContent(latin1);

        bridge.handleRequest(request, new MockHttpServletResponse());

        assertThat(seen.get().getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(seen.get().getBody())).isEqualTo(latin1);
    }

    @Test
    void emptyBody_isNull_andNoQueryIsEmptyString() throws Exception {
        bridge.handleRequest(new MockHttpServletRequest("GET", "/v1/models"), new MockHttpServletResponse());

        assertThat(seen.get().getBody()).isNull();
        assertThat(seen.get().getRawQueryString()).isEmpty();
    }

    @Test
    void oversizedBody_isCutJustPastTheLimit_soTheFunctionAnswers413() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/deployments");
        request.setContent(new byte[HttpApiFunction.MAX_BODY_BYTES * 2]);

        bridge.handleRequest(request, new MockHttpServletResponse());

        assertThat(seen.get().getBody().length()).isEqualTo(HttpApiFunction.MAX_BODY_BYTES + 1);
    }

    @Test
    void response_statusHeadersAndBodyAreWrittenBack() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        bridge.handleRequest(new MockHttpServletRequest("GET", "/v1/models"), response);

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.getHeader("X-Request-ID")).isEqualTo("req_1");
        assertThat(response.getHeader("Allow")).isEqualTo("GET");
        assertThat(response.getContentAsString()).isEqualTo("{\"ok\":true}");
    }
}
