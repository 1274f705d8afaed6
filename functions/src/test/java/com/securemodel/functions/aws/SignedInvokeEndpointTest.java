package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * {@link SignedInvokeEndpoint} against a server on loopback that records what arrives and answers from a script:
 * the request is what the SDK's client sends and its signature holds for the bytes that arrived; errors, retries and
 * the regional endpoint are the SDK's.
 */
class SignedInvokeEndpointTest {

    private static final byte[] BODY = "{\"inputs\":\"hello\",\"parameters\":{\"max_new_tokens\":1}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("AKIDEXAMPLE", "secret-key", "session-token"));

    /** One request as it arrived. */
    private record Arrived(String method, String path, Headers headers, byte[] body) {
    }

    /** An answer: status, error type header (or null), body. */
    private record Answer(int status, String errorType, String body) {
    }

    private final List<Arrived> arrived = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private HttpServer server;
    private URI endpoint;
    private final BufferedPostHttpClient http = BufferedPostHttpClient.create(Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            arrived.add(new Arrived(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            if (exchange.getRequestURI().getPath().contains("/slow/")) {
                try {
                    Thread.sleep(10_000); // longer than any call's timeout here
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? new Answer(200, null, "[{\"generated_text\":\" ok\"}]") : script.poll();
            }
            if (answer.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
            }
            exchange.getResponseHeaders().add("x-amzn-RequestId", "rid-" + arrived.size());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        // handlers on threads of their own, so that stopping the server does not wait for the slow one
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
                .factory()));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
    }

    private SignedInvokeEndpoint call() {
        return SignedInvokeEndpoint.create(http, CREDENTIALS, "us-east-1", endpoint, Duration.ofSeconds(30));
    }

    @Test
    void theRequestIsTheSdkClients_andItsSignatureHoldsForWhatArrived() throws Exception {
        byte[] answer = call().invoke("sms-dep-1", "application/json", "application/json", BODY);
        try (SageMakerRuntimeClient sdk = SageMakerRuntimeClient.builder().region(Region.US_EAST_1)
                .endpointOverride(endpoint).credentialsProvider(CREDENTIALS).httpClient(http).build()) {
            sdk.invokeEndpoint(b -> b.endpointName("sms-dep-1").contentType("application/json")
                    .accept("application/json").body(SdkBytes.fromByteArray(BODY)));
        }

        assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("[{\"generated_text\":\" ok\"}]");
        Arrived signed = arrived.get(0);
        Arrived sdk = arrived.get(1);
        assertThat(signed.method()).isEqualTo(sdk.method()).isEqualTo("POST");
        assertThat(signed.path()).isEqualTo(sdk.path()).isEqualTo("/endpoints/sms-dep-1/invocations");
        assertThat(signed.body()).isEqualTo(sdk.body()).isEqualTo(BODY);
        for (String header : List.of("Content-Type", "Accept", "Content-Length", "Host", "X-Amz-Security-Token",
                "X-Amz-Content-Sha256")) {
            assertThat(signed.headers().getFirst(header)).as(header).isEqualTo(sdk.headers().getFirst(header))
                    .isNotNull();
        }
        String authorization = signed.headers().getFirst("Authorization");
        String scope = "Credential=AKIDEXAMPLE/" + signed.headers().getFirst("X-Amz-Date").substring(0, 8)
                + "/us-east-1/sagemaker/aws4_request";
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 " + scope + ", SignedHeaders=");
        assertThat(sdk.headers().getFirst("Authorization")).contains(scope);
        assertThat(signedHeaders(authorization)).containsExactly("accept", "content-length", "content-type", "host",
                "x-amz-content-sha256", "x-amz-date", "x-amz-security-token");
        assertThat(resign(signed)).isEqualTo(authorization);
    }

    /** The signature the SDK's signer makes for what arrived, at the time the request says it was signed. */
    private String resign(Arrived request) {
        SdkHttpFullRequest.Builder rebuilt = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .uri(endpoint.resolve(request.path()));
        for (String name : signedHeaders(request.headers().getFirst("Authorization"))) {
            rebuilt.putHeader(name, request.headers().get(name));
        }
        Instant at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
                .parse(request.headers().getFirst("X-Amz-Date"), Instant::from);
        return AwsV4HttpSigner.create().sign(r -> r.request(rebuilt.build()).identity(CREDENTIALS.resolveCredentials())
                        .payload(ContentStreamProvider.fromByteArray(request.body()))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sagemaker")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
    }

    private static List<String> signedHeaders(String authorization) {
        String list = authorization.substring(authorization.indexOf("SignedHeaders=") + 14);
        return List.of(list.substring(0, list.indexOf(',')).split(";"));
    }

    @Test
    void aTransientAnswerIsTriedAgain_aModelErrorIsNot() {
        script.add(new Answer(503, "ServiceUnavailable:http://internal.amazon.com/coral/com.amazon.coral.service/",
                "{\"message\":\"try again\"}"));

        assertThat(call().invoke("ep", "application/json", "application/json", BODY)).isNotEmpty();
        assertThat(arrived).hasSize(2);

        arrived.clear();
        script.add(new Answer(424, "ModelError", "{\"message\":\"Received client error (400) from primary\","
                + "\"OriginalStatusCode\":400,\"OriginalMessage\":\"{\\\"error\\\":\\\"`top_p` must be < 1.0\\\"}\","
                + "\"LogStreamArn\":\"arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/ep\"}"));
        ModelErrorException model = catchThrowableOfType(ModelErrorException.class,
                () -> call().invoke("ep", "application/json", "application/json", BODY));
        assertThat(arrived).hasSize(1);
        assertThat(model.statusCode()).isEqualTo(424);
        assertThat(model.originalStatusCode()).isEqualTo(400);
        assertThat(model.originalMessage()).contains("`top_p` must be < 1.0");
        assertThat(model.requestId()).isEqualTo("rid-1");
        assertThat(model.awsErrorDetails().errorCode()).isEqualTo("ModelError");
    }

    @Test
    void throttlingIsTriedThreeTimes_thenIsTheSdksThrottlingException() {
        for (int i = 0; i < 3; i++) {
            script.add(new Answer(400, "ThrottlingException", "{\"message\":\"Rate exceeded\"}"));
        }

        SageMakerRuntimeException throttled = catchThrowableOfType(SageMakerRuntimeException.class,
                () -> call().invoke("ep", "application/json", "application/json", BODY));

        assertThat(arrived).hasSize(3);
        assertThat(throttled.isThrottlingException()).isTrue();
        assertThat(throttled.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
    }

    @Test
    void withoutAnOverride_theRegionsRuntimeEndpointIsCalled_itsFipsOneWhereTheSdkSettingAsks() {
        assertThat(SignedInvokeEndpoint.create(http, CREDENTIALS, "eu-west-1", null, Duration.ofSeconds(1))
                .endpoint()).isEqualTo(URI.create("https://runtime.sagemaker.eu-west-1.amazonaws.com"));
        System.setProperty("aws.useFipsEndpoint", "true");
        try {
            assertThat(SignedInvokeEndpoint.create(http, CREDENTIALS, "us-east-1", null, Duration.ofSeconds(1))
                    .endpoint()).isEqualTo(URI.create("https://runtime-fips.sagemaker.us-east-1.amazonaws.com"));
        } finally {
            System.clearProperty("aws.useFipsEndpoint");
        }
    }

    @Test
    void theCallsTimeoutBoundsAnAttemptStillWaiting_whichIsAbortedAndNotTriedAgain() {
        SignedInvokeEndpoint call = SignedInvokeEndpoint.create(http, CREDENTIALS, "us-east-1", endpoint,
                Duration.ofMillis(500));
        long start = System.nanoTime();

        ApiCallTimeoutException timeout = catchThrowableOfType(ApiCallTimeoutException.class,
                () -> call.invoke("slow", "application/json", "application/json", BODY));

        assertThat(timeout).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the server's 10 s answer")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(arrived).hasSize(1);
    }
}
