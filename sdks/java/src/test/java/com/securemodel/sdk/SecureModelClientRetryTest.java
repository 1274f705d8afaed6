package com.securemodel.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the real service cannot be made to do on demand (a 503 then success, a proxy's HTML error, a refused
 * connection), answered by a JDK HTTP server. Everything else is tested against the service ({@code JavaSdkIT}).
 */
class SecureModelClientRetryTest {

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private record Seen(String method, String path, String idempotencyKey, String authorization, String clientId) {
    }

    private static final String DEPLOYMENT = """
            {"id": "dep_1", "deployment_id": "dep_1", "model_name": "m", "status": "running",
             "created_at": "2026-12-02T00:00:00Z", "a_field_added_later": 1}""";

    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private SecureModelClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        client = clientFor("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SecureModelClient clientFor(String baseUrl) {
        return SecureModelClient.builder().apiKey("sk-test").clientId("client-1").baseUrl(baseUrl)
                .maxRetries(2).retryBaseDelay(Duration.ofMillis(10)).retryMaxDelay(Duration.ofMillis(40)).build();
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Client-ID")));
        Answer answer = answers.isEmpty() ? new Answer(500, Map.of(), "{}") : answers.poll();
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void queue(int status, String body, Map<String, String> headers) {
        answers.add(new Answer(status, headers, body));
    }

    private static String error(String code) {
        return "{\"error\": {\"code\": \"" + code + "\", \"message\": \"m\", \"request_id\": \"req_1\"}}";
    }

    @Test
    void get_when503ThenSuccess_retriesAndAnswersTheDeployment() {
        queue(503, error("service_unavailable"), Map.of());
        queue(200, DEPLOYMENT, Map.of());

        Deployment deployment = client.getDeployment("dep_1");

        assertThat(deployment.id()).isEqualTo("dep_1");
        assertThat(deployment.isRunning()).isTrue();
        assertThat(seen).hasSize(2).allSatisfy(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer sk-test");
            assertThat(request.clientId()).isEqualTo("client-1");
            assertThat(request.path()).isEqualTo("/v1/deployments/dep_1");
        });
    }

    @Test
    void get_when429WithRetryAfter_waitsThatLongThenRetries() {
        queue(429, error("rate_limit_exceeded"), Map.of("Retry-After", "1"));
        queue(200, DEPLOYMENT, Map.of());

        long start = System.nanoTime();
        client.getDeployment("dep_1");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(seen).hasSize(2);
    }

    @Test
    void get_whenAlways429_throwsRateLimitExceptionWithRetryAfterAfterMaxRetries() {
        for (int i = 0; i < 3; i++) {
            queue(429, error("rate_limit_exceeded"), Map.of("Retry-After", "0", "X-Request-ID", "req_1"));
        }

        assertThatThrownBy(() -> client.getSubscription())
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ZERO);
                    assertThat(e.code()).isEqualTo("rate_limit_exceeded");
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.requestId()).isEqualTo("req_1");
                });
        assertThat(seen).hasSize(3);
    }

    @Test
    void get_whenRetryAfterIsLongerThanAllowed_throwsAtOnce() {
        queue(429, error("rate_limit_exceeded"), Map.of("Retry-After", "3600"));

        assertThatThrownBy(() -> client.getSubscription())
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
        assertThat(seen).hasSize(1);
    }

    @Test
    void get_whenRetryAfterIsAnHttpDate_waitsUntilThen() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        queue(503, error("service_unavailable"), Map.of("Retry-After", inTwoSeconds));
        queue(200, DEPLOYMENT, Map.of());

        long start = System.nanoTime();
        client.getDeployment("dep_1");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(seen).hasSize(2);
    }

    @Test
    void deploy_withoutIdempotencyKey_isNotRetriedAfter503() {
        queue(503, error("service_unavailable"), Map.of());
        queue(201, DEPLOYMENT, Map.of());

        assertThatThrownBy(() -> client.deployModel("m"))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(seen).hasSize(1);
    }

    @Test
    void deploy_withIdempotencyKey_isRetriedWithTheSameKey() {
        queue(502, "", Map.of());
        queue(201, DEPLOYMENT, Map.of());

        Deployment deployment = client.deployModel(DeployRequest.builder("m").idempotencyKey("create-1").build());

        assertThat(deployment.id()).isEqualTo("dep_1");
        assertThat(seen).extracting(Seen::idempotencyKey).containsExactly("create-1", "create-1");
    }

    @Test
    void error_whoseBodyIsNotJson_keepsTheStatusAndTheRequestIdHeader() {
        for (int i = 0; i < 3; i++) {
            queue(502, "<html>Bad gateway</html>", Map.of("X-Request-ID", "req_proxy"));
        }

        assertThatThrownBy(() -> client.getDeployment("dep_1"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("http_502");
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.requestId()).isEqualTo("req_proxy");
                });
    }

    @Test
    void errors_mapToTheirTypes() {
        queue(403, error("permission_denied"), Map.of());
        queue(403, error("quota_exceeded"), Map.of());
        queue(409, error("deployment_error"), Map.of());
        queue(409, error("invalid_request_error"), Map.of());
        queue(413, error("invalid_request_error"), Map.of());

        assertThatThrownBy(() -> client.getDeployment("a")).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> client.getDeployment("a")).isInstanceOfSatisfying(RateLimitException.class,
                e -> assertThat(e.retryAfter()).isEmpty());
        assertThatThrownBy(() -> client.getDeployment("a")).isInstanceOf(ResourceException.class);
        assertThatThrownBy(() -> client.getDeployment("a")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.getDeployment("a")).isInstanceOf(ValidationException.class);
    }

    @Test
    void connectionRefused_isRetriedThenAServiceExceptionWithStatus0() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SecureModelClient unreachable = clientFor("http://127.0.0.1:" + port + "/v1");

        assertThatThrownBy(unreachable::getSubscription)
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.code()).isEqualTo("connection_error");
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                });
    }

    @Test
    void pathSegments_areEncoded() {
        queue(200, DEPLOYMENT, Map.of());

        client.getDeployment("a/b c");

        assertThat(seen.get(0).path()).isEqualTo("/v1/deployments/a%2Fb%20c");
    }

    @Test
    void generateStream_retriesA429BeforeTheStream_thenAnswersThePieces_andAnErrorEventEndsItWithAnException() {
        queue(429, error("rate_limit_exceeded"), Map.of("Retry-After", "0"));
        queue(200, """
                data: {"choices": [{"text": "Once", "index": 0}]}

                data: {"choices": [{"text": " upon", "index": 0}]}

                data: {"error": {"code": "internal_error", "message": "the model stopped"}}

                """, Map.of("Content-Type", "text/event-stream"));
        List<String> pieces = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> client.generateStream(GenerateRequest.builder("dep_1", "p").build())
                .forEach(pieces::add))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("internal_error");
                    assertThat(e.getMessage()).isEqualTo("the model stopped");
                });
        assertThat(pieces).containsExactly("Once", " upon");
        assertThat(seen).extracting(Seen::path).containsOnly("/v1/completions");
    }

    @Test
    void generateStream_endsAtDone() {
        queue(200, "data: {\"choices\": [{\"text\": \"a\"}]}\n\ndata: [DONE]\n\n", Map.of());

        assertThat(client.generateStream(GenerateRequest.builder("dep_1", "p").build())).containsExactly("a");
    }

    @Test
    void builder_readsCredentialsAndBaseUrlFromTheEnvironment_andDefaultsTheBaseUrl() {
        Map<String, String> environment = Map.of("PAITIENT_API_KEY", "k", "PAITIENT_CLIENT_ID", "c",
                "PAITIENT_BASE_URL", "http://example.test/v1");

        assertThat(new SecureModelClient.Builder(environment::get).build().baseUrl())
                .isEqualTo("http://example.test/v1");
        assertThat(new SecureModelClient.Builder(name -> name.equals("PAITIENT_BASE_URL") ? null
                : environment.get(name)).build().baseUrl()).isEqualTo(SecureModelClient.DEFAULT_BASE_URL);
        assertThat(new SecureModelClient.Builder(environment::get).baseUrl("http://other.test/v1/").build()
                .baseUrl()).isEqualTo("http://other.test/v1");
        assertThatThrownBy(() -> new SecureModelClient.Builder(name -> null).build())
                .isInstanceOf(AuthenticationException.class);
    }
}
