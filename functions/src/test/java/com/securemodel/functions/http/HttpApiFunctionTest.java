package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.functions.http.error.ErrorFormat;
import com.securemodel.functions.http.paitient.PaitientErrorFormat;
import com.securemodel.functions.http.paitient.PaitientJson;
import com.securemodel.functions.http.routing.Route;
import com.securemodel.functions.http.routing.RouteTable;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The request pipeline: request ids, headers, body limit and decoding, authentication, errors. */
class HttpApiFunctionTest {

    /** Routes whose handlers fail, to see what a client gets. */
    private static final class FailingRoutes implements RouteTable {
        @Override
        public String dialect() {
            return "failing";
        }

        @Override
        public List<Route> routes() {
            return List.of(
                    Route.get("/test/bug", request -> {
                        throw new IllegalStateException("secret detail at com.example.Internal");
                    }),
                    Route.get("/test/unavailable", request -> {
                        throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, 503,
                                "SageMaker is unavailable; retry later", null);
                    }),
                    Route.get("/test/mdc", request -> {
                        Map<String, String> seen = new HashMap<>(MDC.getCopyOfContextMap());
                        return com.securemodel.functions.http.routing.ApiResponse.ok(seen);
                    }));
        }

        @Override
        public ObjectMapper json() {
            return PaitientJson.create();
        }

        @Override
        public ErrorFormat errorFormat() {
            return new PaitientErrorFormat();
        }
    }

    private final HttpApiHarness harness = new HttpApiHarness(new FailingRoutes());

    private static APIGatewayV2HTTPEvent get(String path) {
        APIGatewayV2HTTPEvent event = ApiEvents.load("get-models.json");
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        return event;
    }

    @Test
    void response_carriesJsonContentTypeAndGatewayRequestId() {
        APIGatewayV2HTTPResponse response = harness.call(ApiEvents.load("get-models.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("X-Request-ID", "JKJaXmPLIAMEAAA=");
    }

    @Test
    void requestWithoutGatewayRequestId_getsReqId_inHeaderAndErrorBody() {
        APIGatewayV2HTTPEvent event = ApiEvents.load("unknown-route.json");
        event.getRequestContext().setRequestId(null);

        APIGatewayV2HTTPResponse response = harness.call(event);

        String requestId = response.getHeaders().get("X-Request-ID");
        assertThat(requestId).startsWith("req_");
        assertThat(harness.body(response).at("/error/request_id").asText()).isEqualTo(requestId);
    }

    @Test
    void handler_seesRequestClientAndNoLeftoverMdcAfterwards() {
        JsonNode seen = harness.body(harness.call(get("/test/mdc")));

        assertThat(seen.path("requestId").asText()).isEqualTo("JKJaXmPLIAMEAAA=");
        assertThat(seen.path("clientId").asText()).isEqualTo(HttpApiHarness.CLIENT);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void health_needsNoCredentials() {
        APIGatewayV2HTTPResponse response = harness.call(ApiEvents.load("health.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(harness.body(response).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void missingAuthorization_is401AuthenticationError() {
        APIGatewayV2HTTPResponse response = harness.call(ApiEvents.load("missing-auth.json"));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(harness.body(response).at("/error/code").asText()).isEqualTo("authentication_error");
    }

    @Test
    void wrongKey_orKeyOfAnotherClient_is401() {
        var wrongKey = ApiEvents.as(ApiEvents.load("get-models.json"), HttpApiHarness.CLIENT, "sk-wrong");
        var otherClientsKey = ApiEvents.as(ApiEvents.load("get-models.json"), HttpApiHarness.CLIENT,
                harness.otherKey);
        // GET /v1/models without X-Client-ID is the OpenAI dialect's (see OpenAiRoutesTest): another PaiTIENT route
        var noClientId = ApiEvents.as(ApiEvents.load("list-deployments.json"), null, HttpApiHarness.KEY);

        for (var event : List.of(wrongKey, otherClientsKey, noClientId)) {
            APIGatewayV2HTTPResponse response = harness.call(event);
            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(harness.body(response).at("/error/code").asText()).isEqualTo("authentication_error");
        }
    }

    @Test
    void headerNames_areCaseInsensitive() {
        APIGatewayV2HTTPEvent event = ApiEvents.load("get-models.json");
        event.setHeaders(Map.of("Authorization", "Bearer " + HttpApiHarness.KEY, "X-Client-ID", HttpApiHarness.CLIENT));

        assertThat(harness.call(event).getStatusCode()).isEqualTo(200);
    }

    @Test
    void unknownRoute_is404InvalidRequestNamingIt() {
        APIGatewayV2HTTPResponse response = harness.call(ApiEvents.load("unknown-route.json"));

        assertThat(response.getStatusCode()).isEqualTo(404);
        JsonNode error = harness.body(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).isEqualTo("No route GET /v1/foo");
        assertThat(error.path("request_id").asText()).isEqualTo("JKJaXmPLIAMEAAA=");
    }

    @Test
    void wrongMethod_is405WithAllowHeader() {
        APIGatewayV2HTTPResponse response = harness.call(ApiEvents.load("method-not-allowed.json"));

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "GET");
        assertThat(harness.body(response).at("/error/code").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void bodyOverOneMebibyte_is413_plainOrBase64() {
        String big = "{\"prompt\": \"" + "a".repeat(HttpApiFunction.MAX_BODY_BYTES) + "\"}";
        APIGatewayV2HTTPEvent plain = ApiEvents.withBody(ApiEvents.load("create-deployment.json"), big);
        APIGatewayV2HTTPEvent encoded = ApiEvents.load("create-deployment-base64.json");
        encoded.setBody(Base64.getEncoder().encodeToString(big.getBytes()));

        for (APIGatewayV2HTTPEvent event : List.of(plain, encoded)) {
            APIGatewayV2HTTPResponse response = harness.call(event);
            assertThat(response.getStatusCode()).isEqualTo(413);
            assertThat(harness.body(response).at("/error/code").asText()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void base64Body_isDecoded() {
        APIGatewayV2HTTPResponse response = harness.call(ApiEvents.load("create-deployment-base64.json"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(harness.body(response).path("deployment_name").asText()).isEqualTo("base64-body");
    }

    @Test
    void brokenBase64Body_is400() {
        APIGatewayV2HTTPEvent event = ApiEvents.load("create-deployment-base64.json");
        event.setBody("not base64 at all!");

        APIGatewayV2HTTPResponse response = harness.call(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(harness.body(response).at("/error/message").asText()).contains("base64");
    }

    @Test
    void unexpectedException_is500WithOnlyTheRequestId() {
        APIGatewayV2HTTPResponse response = harness.call(get("/test/bug"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        JsonNode error = harness.body(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("internal_error");
        assertThat(error.path("request_id").asText()).isEqualTo("JKJaXmPLIAMEAAA=");
        assertThat(response.getBody()).doesNotContain("secret", "com.example", "IllegalState", "at ");
    }

    @Test
    void serviceUnavailable_keepsItsStatusAndMessage() {
        APIGatewayV2HTTPResponse response = harness.call(get("/test/unavailable"));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(harness.body(response).at("/error/code").asText()).isEqualTo("service_unavailable");
    }

    @Test
    void eventWithoutHttpMethod_is400NotA500() {
        APIGatewayV2HTTPEvent event = ApiEvents.load("get-models.json");
        event.setRequestContext(null);

        APIGatewayV2HTTPResponse response = harness.call(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders().get("X-Request-ID")).startsWith("req_");
    }
}
