package com.securemodel.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.securemodel.functions.SecureModelApplication;
import com.securemodel.localstack.llm.TinyModelGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service in local mode, started in-process on a free port, and its PaiTIENT API over plain HTTP with the
 * {@code local-dev} credentials.
 */
record LocalApi(URI base) {

    static final String CLIENT = "local-dev";
    static final String KEY = "sk-local-dev";

    /**
     * Starts the service (API, local cloud, deployment worker) with logs at WARN, its clients on a tier whose limits
     * the benchmarks never reach (they measure the service, the rate limiter's leases included, not its refusals).
     */
    static ConfigurableApplicationContext startService() {
        return new SpringApplicationBuilder(SecureModelApplication.class)
                .profiles("local")
                .run("--server.port=0", "--securemodel.local.free-ports=true",
                        "--securemodel.local.models-dir=target/bench-models", "--securemodel.api-key=" + KEY,
                        "--logging.level.root=WARN", "--securemodel.default-tier=bench",
                        "--securemodel.tiers.bench.max-deployments=1000",
                        "--securemodel.tiers.bench.max-gpu-instances=100000",
                        "--securemodel.tiers.bench.requests-per-minute=1000000000",
                        "--securemodel.tiers.bench.tokens-per-period=1000000000000");
    }

    static LocalApi of(ConfigurableApplicationContext service) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return new LocalApi(URI.create("http://localhost:" + port));
    }

    /** Deploys the tiny model and waits until the deployment is running. */
    String createRunningDeployment() throws Exception {
        String created = send("POST", "/v1/deployments", "{\"model_name\":\"" + TinyModelGenerator.MODEL_ID
                + "\",\"deployment_name\":\"bench\",\"instance_type\":\"g4dn.xlarge\"}", 201);
        String id = SageMakerClients.JSON.readTree(created).path("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            String status = SageMakerClients.JSON.readTree(get(id)).path("status").asText();
            if (status.equals("running")) {
                return id;
            }
            if (status.equals("failed")) {
                throw new IllegalStateException("deployment " + id + " failed: " + get(id));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("deployment " + id + " did not reach running within 2 minutes");
    }

    String get(String id) throws Exception {
        return send("GET", "/v1/deployments/" + id, null, 200);
    }

    String generate(String id, String body) throws Exception {
        return send("POST", "/v1/deployments/" + id + "/generate", body, 200);
    }

    /**
     * One call with {@link HttpURLConnection} (kept alive between calls), the client under the AWS SDK's
     * {@code UrlConnectionHttpClient} that the benchmarks' direct calls to the emulator use: the service and its
     * baseline are called with the same HTTP client, used as the SDK uses it: the body buffered, not streamed (a
     * streamed POST on a kept-alive connection first probes the connection with a 1 ms read timeout, +1.3 ms a call
     * here). The JDK's {@code HttpClient}, used before, cost 0.5-2 ms more a call on a 2-core machine.
     */
    String send(String method, String path, String body, int expected) throws IOException {
        HttpURLConnection connection = open(method, path, body);
        int status = connection.getResponseCode();
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String text;
        try (InputStream in = stream) {
            text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (status != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + status + ": " + text);
        }
        return text;
    }

    /**
     * Sends a request with {@link HttpURLConnection} as {@link #send} does (the body buffered); the caller reads the
     * response, as it arrives for a stream.
     */
    HttpURLConnection open(String method, String path, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setRequestProperty("Authorization", "Bearer " + KEY);
        connection.setRequestProperty("X-Client-ID", CLIENT);
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        return connection;
    }

    /**
     * A {@code POST} as API Gateway hands it to the {@code httpApi} function (payload 2.0), with the local key and
     * {@code extraHeaders}: for timing the function itself, without the web server.
     */
    static APIGatewayV2HTTPEvent postEvent(String path, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("authorization", "Bearer " + KEY);
        headers.put("content-type", "application/json");
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path)
                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default")
                .withRawPath(path).withRawQueryString("")
                .withHeaders(headers)
                .withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http)
                        .withRouteKey("$default").withStage("$default").build())
                .build();
    }
}
