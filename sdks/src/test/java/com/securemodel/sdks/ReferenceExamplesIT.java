package com.securemodel.sdks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK reference's examples ({@code sdks/examples}), each run as written against the local service with only
 * {@code PAITIENT_BASE_URL} set: their placeholders ({@code your-api-key}, {@code your-client-id},
 * {@code deployment-123}) are what {@link LocalService} holds.
 */
class ReferenceExamplesIT {

    @Test
    void pythonExamples_runAsWritten_andPrintWhatTheyPrint() throws Exception {
        String python = Python.require();
        LocalService service = LocalService.shared();

        assertThat(runPython(python, service, "authentication.py")).isEmpty();

        assertThat(runPython(python, service, "model_deployments.py")).isEmpty();
        assertThat(deploymentsNamed(service, "my-secure-model")).as("the deployment the example created").isTrue();

        assertThat(runPython(python, service, "text_generation.py")).isNotBlank();

        assertThat(runPython(python, service, "subscription_management.py"))
                .matches("Tier: sdk\\RUsage: \\d+/1000000000000\\R");

        assertThat(runPython(python, service, "error_handling.py"))
                .startsWith("Authentication error: ")
                .contains("401", "authentication_error", "request req_")
                .endsWith("\n")
                .hasLineCount(1);
    }

    /**
     * Each JavaScript snippet ({@code sdks/examples/javascript}) exits 0 and prints what it prints; the package
     * resolves through a {@code node_modules} link to {@code sdks/javascript} made here (no network, no install).
     */
    @Test
    void javaScriptExamples_runAsWritten_andPrintWhatTheyPrint() throws IOException {
        String node = Node.requireNode();
        linkPackage();
        Map<String, String> env = onlyBaseUrl(LocalService.shared());

        assertThat(runExample(node, env, "authentication.js")).isBlank();
        assertThat(runExample(node, env, "deployments.mjs")).isBlank();
        assertThat(runExample(node, env, "generation.mjs")).isNotBlank();
        assertThat(runExample(node, env, "subscription.mjs")).matches("Tier: \\S+\\RUsage: \\d+/\\d+");
        assertThat(runExample(node, env, "error-handling.mjs")).startsWith("Authentication error: ").hasLineCount(1);
    }

    private static String runExample(String node, Map<String, String> env, String file) {
        var result = LocalService.run(Node.EXAMPLES, env, Duration.ofMinutes(2), node, file);
        assertThat(result.succeeded()).as(file + ":\n" + result.output()).isTrue();
        return result.output().strip();
    }

    /** {@code sdks/examples/javascript/node_modules/paitient-secure-model} → {@code sdks/javascript}. */
    private static void linkPackage() throws IOException {
        Path link = Node.EXAMPLES.resolve("node_modules").resolve("paitient-secure-model");
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, link.getParent().relativize(Node.SDK));
    }

    /** @return what the example printed, once it exited 0 */
    private static String runPython(String python, LocalService service, String example) {
        Map<String, String> env = onlyBaseUrl(service);
        env.put("PYTHONPATH", Python.SDK.resolve("src").toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        var result = LocalService.run(Python.EXAMPLES, env, Duration.ofMinutes(2), python, example);
        assertThat(result.succeeded()).as(example + " exits 0:\n" + result.output()).isTrue();
        return result.output();
    }

    /** PAITIENT_BASE_URL, and none of the other PAITIENT_ variables this JVM may have. */
    private static Map<String, String> onlyBaseUrl(LocalService service) {
        Map<String, String> env = new HashMap<>();
        System.getenv().keySet().stream().filter(name -> name.startsWith("PAITIENT_")).forEach(name -> env.put(name,
                null));
        env.put("PAITIENT_BASE_URL", service.baseUrl());
        return env;
    }

    private static boolean deploymentsNamed(LocalService service, String name) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/deployments?limit=100"))
                .header("Authorization", "Bearer " + service.apiKey())
                .header("X-Client-ID", service.clientId())
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"deployment_name\":\"" + name + "\"");
        }
    }
}
