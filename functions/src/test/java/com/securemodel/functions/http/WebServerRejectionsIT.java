package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.LocalModeTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The web server's answers to requests that never reach a route (malformed URIs, headers and request lines, odd
 * methods and paths): every body is the JSON error of the dialect that owns the path, and nothing the client sent
 * (a key in a rejected header line) reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebServerRejectionsIT extends LocalModeTestSupport {

    static final String SECRET = "sk-canary-web-4f1d9e";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A raw answer. */
    record Raw(int status, String head, String body) {
    }

    /** The web-server-level cases: request bytes, and the dialect whose error shape the answer must have. */
    static List<Map.Entry<String, String>> cases() {
        String auth = "Authorization: Bearer " + SECRET + "\r\n";
        return List.of(
                Map.entry("GET /v1/deployments/%2fetc HTTP/1.1\r\n" + auth, "paitient"),
                Map.entry("GET /v1/deployments/a%00b HTTP/1.1\r\n" + auth, "paitient"),
                Map.entry("GET /v1/chat/%2e%2e%2f%2e%2e%2fetc HTTP/1.1\r\n" + auth, "openai"),
                Map.entry("GET /model/list HTTP/1.1\r\nAuthorization: Key " + SECRET + "\u0001\r\n", "bytez"),
                Map.entry("GET /v1/models HTTP/1.1\r\nauthorization:Bearer " + SECRET + "\u0007x\r\n", "paitient"),
                Map.entry("GET /v1/models HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n" + auth, "paitient"),
                Map.entry("GET /v1/models HTTP/9.9\r\n" + auth, "paitient"),
                Map.entry("GARBAGE\r\n" + auth, "paitient"),
                Map.entry("GET /health\u0001 HTTP/1.1\r\n", "paitient"),
                Map.entry("TRACE /v1/models HTTP/1.1\r\n" + auth + "X-Client-ID: local-dev\r\n", "paitient"),
                Map.entry("TRACE /chat/completions HTTP/1.1\r\n" + auth, "openai"),
                Map.entry("PROPFIND /model/list HTTP/1.1\r\nAuthorization: Key " + SECRET + "\r\n", "bytez"),
                Map.entry("FOO /health HTTP/1.1\r\n", "paitient"),
                Map.entry("OPTIONS /v1/deployments HTTP/1.1\r\n" + auth, "paitient"),
                Map.entry("GET /V1/models HTTP/1.1\r\n" + auth, "paitient"),
                Map.entry("GET /deploymentWorker HTTP/1.1\r\n", "paitient"),
                Map.entry("GET /error HTTP/1.1\r\n", "paitient"),
                Map.entry("POST /v1/chat/completions HTTP/1.1\r\n" + auth + "Content-Type: text/plain\r\n"
                        + "Content-Length: 2\r\n\r\nhi", "openai"),
                Map.entry("POST /model/run HTTP/1.1\r\nAuthorization: Key " + SECRET + "\r\nContent-Type: "
                        + "application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b", "bytez"),
                Map.entry("POST /v1/deployments HTTP/1.1\r\n" + auth + "Content-Type: application/json\r\n"
                        + "Content-Length: 1200002\r\n\r\n\"" + "x".repeat(1_200_000) + "\"", "paitient"));
    }

    @Test
    void everyRejection_isTheJsonErrorOfThePathsDialect_andNoSecretIsLogged(CapturedOutput output) throws Exception {
        for (Map.Entry<String, String> c : cases()) {
            String request = withHostAndClose(c.getKey().contains("\r\n\r\n") ? c.getKey() : c.getKey() + "\r\n");
            Raw answer = send(request.getBytes(StandardCharsets.UTF_8));
            String what = request.lines().findFirst().orElse("") + " -> " + answer.status() + " " + answer.body();

            System.err.println("web server: " + what.replace("\u0001", "^A").replace("\u0007", "^G"));
            assertThat(answer.status() < 500 || answer.status() == 505).as(what).isTrue();
            assertThat(answer.status()).as(what).isGreaterThanOrEqualTo(400);
            assertThat(answer.head().toLowerCase()).as(what).contains("content-type: application/json");
            assertErrorShape(c.getValue(), answer.body(), what);
        }
        Raw health = send(withHostAndClose("GET /health/ HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(output.getAll()).contains("The web server refused a request").doesNotContain(SECRET).doesNotContain("does not conform to RFC");
    }

    /** Adds {@code Host} and {@code Connection: close} after the request line. */
    static String withHostAndClose(String request) {
        int line = request.indexOf("\r\n");
        return request.substring(0, line + 2) + "Host: localhost\r\nConnection: close\r\n" + request.substring(line + 2);
    }

    static void assertErrorShape(String dialect, String body, String what) throws IOException {
        JsonNode json = JSON.readTree(body);
        switch (dialect) {
            case "bytez" -> assertThat(json.path("error").isTextual()).as(what).isTrue();
            case "openai" -> {
                assertThat(json.at("/error/type").asText()).as(what).isEqualTo("invalid_request_error");
                assertThat(json.at("/error/message").isTextual()).as(what).isTrue();
            }
            default -> {
                assertThat(json.at("/error/code").asText()).as(what).isIn("invalid_request_error", "validation_error",
                        "authentication_error", "resource_not_found", "model_not_found");
                assertThat(json.at("/error/request_id").asText()).as(what).startsWith("req_");
            }
        }
        assertThat(body).as(what).doesNotContain("<html").doesNotContain("timestamp").doesNotContain("Exception")
                .doesNotContain(SECRET);
    }

    static Raw send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            return new Raw(status, head, body);
        }
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int end = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, end).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, end + 2, end + 2 + size);
            at = end + 2 + size + 2;
        }
        return out.toString();
    }
}
