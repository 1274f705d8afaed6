package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * The SDK client over {@link BufferedPostHttpClient} against servers on loopback: the signed request arrives whole,
 * answers and error answers come back as the SDK's, a kept-alive connection is reused, one the server closed
 * meanwhile is replaced without failing the call, and other requests go through the SDK's own client.
 */
class BufferedPostHttpClientTest {

    private static final String BODY = "{\"inputs\":\"héllo\",\"parameters\":{\"max_new_tokens\":1}}";
    private static final String ASCII_BODY = "{\"inputs\":\"hello\"}";

    private HttpServer server;
    private final BufferedPostHttpClient http = BufferedPostHttpClient.create(Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        http.close();
    }

    /** The SDK client without its own retries: what is seen is the HTTP client's doing. */
    private SageMakerRuntimeClient runtime(URI endpoint) {
        return SageMakerRuntimeClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(http).build();
    }

    @Test
    void aSignedPostArrivesWhole_andItsAnswerAndErrorsComeBackAsTheSdks_overOneKeptAliveConnection()
            throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body + " length="
                    + headers.getFirst("Content-Length") + " signed=" + headers.getFirst("Authorization")
                    .startsWith("AWS4-HMAC-SHA256 Credential=AKID/") + " accept=" + headers.getFirst("Accept"));
            boolean fail = exchange.getRequestURI().getPath().contains("broken");
            byte[] answer = (fail ? "{\"message\":\"Endpoint broken not found\"}" : "[{\"generated_text\":\" ok\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            if (fail) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ValidationError");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? 400 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

        try (SageMakerRuntimeClient runtime = runtime(endpoint)) {
            for (int i = 0; i < 3; i++) {
                String text = runtime.invokeEndpoint(b -> b.endpointName("ep-1").contentType("application/json")
                        .accept("application/json").body(SdkBytes.fromUtf8String(BODY))).body().asUtf8String();
                assertThat(text).isEqualTo("[{\"generated_text\":\" ok\"}]");
            }
            assertThatThrownBy(() -> runtime.invokeEndpoint(b -> b.endpointName("broken")
                    .contentType("application/json").body(SdkBytes.fromUtf8String(BODY))))
                    .isInstanceOf(ValidationErrorException.class)
                    .hasMessageContaining("Endpoint broken not found")
                    .satisfies(e -> assertThat(((ValidationErrorException) e).statusCode()).isEqualTo(400));
        }

        int length = BODY.getBytes(StandardCharsets.UTF_8).length;
        assertThat(seen).hasSize(4);
        assertThat(seen.getFirst()).isEqualTo("POST /endpoints/ep-1/invocations " + BODY + " length=" + length
                + " signed=true accept=application/json");
        assertThat(seen.getLast()).isEqualTo("POST /endpoints/broken/invocations " + BODY + " length=" + length
                + " signed=true accept=*/*");
        assertThat(clientPorts).as("one kept-alive connection for all four calls").hasSize(1);
    }

    @Test
    void aKeptAliveConnectionThatTheServerClosedIsReplaced_withoutFailingTheCall() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // answers one request per connection with a keep-alive response, then closes the connection: the
            // client's next call finds its cached connection closed
            Thread serving = Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try (Socket socket = listener.accept()) {
                        connections.incrementAndGet();
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.UTF_8));
                        int length = 0;
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).strip());
                            }
                        }
                        char[] body = new char[length];
                        int read = 0;
                        while (read < length) {
                            read += in.read(body, read, length - read);
                        }
                        bodies.add(new String(body));
                        byte[] answer = "[{\"generated_text\":\" ok\"}]".getBytes(StandardCharsets.UTF_8);
                        OutputStream out = socket.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + answer.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(answer);
                        out.flush();
                        Thread.sleep(50); // the client has read the answer and cached the connection
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        // the listener closed, or a probe the client gave up on
                    }
                }
            });
            URI endpoint = URI.create("http://127.0.0.1:" + listener.getLocalPort());
            try (SageMakerRuntimeClient runtime = runtime(endpoint)) {
                for (int i = 0; i < 3; i++) {
                    assertThat(runtime.invokeEndpoint(b -> b.endpointName("ep-1").contentType("application/json")
                            .body(SdkBytes.fromUtf8String(ASCII_BODY))).body().asUtf8String()).contains(" ok");
                    Thread.sleep(100); // the server has closed the connection
                }
            }
            listener.close();
            serving.join(2000);
        }
        assertThat(bodies).containsExactly(ASCII_BODY, ASCII_BODY, ASCII_BODY);
        assertThat(connections.get()).isEqualTo(3);
    }

    /** What is not a small POST (here a GET, as S3 reads are) goes to the SDK's client, which the first one builds. */
    @Test
    void aGetGoesThroughTheSdksOwnClient_andIsAnswered() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] answer = "object".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/bucket/key");

        for (int i = 0; i < 2; i++) {
            var response = http.prepareRequest(HttpExecuteRequest.builder().request(SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.GET).uri(uri).build()).build()).call();
            assertThat(response.httpResponse().statusCode()).isEqualTo(200);
            try (var body = response.responseBody().orElseThrow()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("object");
            }
        }
        assertThat(seen).containsExactly("GET /bucket/key", "GET /bucket/key");
    }
}
