package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.securemodel.core.IdGenerator;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.http.error.ApiError;
import com.securemodel.functions.http.error.ErrorResponses;
import com.securemodel.functions.http.internal.EventRequests;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RouteTable;
import com.securemodel.functions.http.routing.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one HTTP function ({@code httpApi}): every REST route of every dialect, behind API Gateway's HTTP API
 * (payload format 2.0) on Lambda, and behind the local web server, which hands it the same events.
 *
 * <p>Per request: a request id (API Gateway's, else {@code req_...}) in the MDC and the {@code X-Request-ID}
 * header; route lookup (404/405); a body limit (413); authentication with {@code Authorization: Bearer} and
 * {@code X-Client-ID} on every route but health; the route's handler; and {@link ErrorResponses} for anything
 * thrown.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">
 *     HTTP API Lambda integrations</a>
 */
public final class HttpApiFunction implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** The largest request body accepted: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiFunction.class);
    private static final String[] MDC_KEYS = {"requestId", "clientId", "deploymentId"};

    private final Router router;
    private final Authenticator authenticator;
    private final IdGenerator ids;

    public HttpApiFunction(Router router, Authenticator authenticator, IdGenerator ids) {
        this.router = router;
        this.authenticator = authenticator;
        this.ids = ids;
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        String gatewayId = EventRequests.gatewayRequestId(event);
        String requestId = gatewayId != null ? gatewayId : ids.next("req");
        MDC.put("requestId", requestId);
        RouteTable table = router.fallback();
        String route = "(no route)";
        APIGatewayV2HTTPResponse response;
        try {
            String method = EventRequests.method(event);
            String path = EventRequests.rawPath(event);
            Router.Match match = router.match(method, path);
            table = match.table();
            route = match.route().toString();
            response = success(handle(event, method, path, match, requestId), table, requestId);
        } catch (RuntimeException e) {
            response = failure(ErrorResponses.describe(e, requestId), table);
        }
        try {
            LOG.info("{} -> {} in {} ms", route, response.getStatusCode(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            for (String key : MDC_KEYS) {
                MDC.remove(key);
            }
        }
        return response;
    }

    private ApiResponse handle(APIGatewayV2HTTPEvent event, String method, String path, Router.Match match,
                               String requestId) {
        byte[] body = EventRequests.body(event, MAX_BODY_BYTES);
        Map<String, String> headers = EventRequests.headers(event);
        ClientId client = null;
        if (match.route().authenticated()) {
            client = authenticator.authenticate(headers.get("authorization"), headers.get("x-client-id"));
            MDC.put("clientId", client.value());
        }
        String deploymentId = match.pathParameters().get("deployment_id");
        if (deploymentId != null) {
            MDC.put("deploymentId", deploymentId);
        }
        ApiRequest request = new ApiRequest(method, path, match.pathParameters(), EventRequests.query(event),
                headers, body, requestId, client);
        return match.route().handler().handle(request);
    }

    private static APIGatewayV2HTTPResponse success(ApiResponse response, RouteTable table, String requestId) {
        try {
            String body = table.json().writeValueAsString(response.body());
            return build(response.status(), body, response.headers(), requestId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the response of " + table.dialect(), e);
        }
    }

    private static APIGatewayV2HTTPResponse failure(ApiError error, RouteTable table) {
        String body;
        try {
            body = table.json().writeValueAsString(table.errorFormat().body(error));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("Cannot write an error body", e);
            body = "{\"error\":{\"code\":\"internal_error\",\"message\":\"Internal error\",\"request_id\":\""
                    + error.requestId().replaceAll("[^A-Za-z0-9_=+/-]", "") + "\"}}";
        }
        return build(error.status(), body, error.headers(), error.requestId());
    }

    private static APIGatewayV2HTTPResponse build(int status, String body, Map<String, String> extra,
                                                  String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Request-ID", requestId);
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
