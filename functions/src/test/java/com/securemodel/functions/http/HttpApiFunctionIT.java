package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.LocalModeTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.function.context.FunctionCatalog;

/**
 * The {@code httpApi} function bean, looked up by name as the Lambda adapter does, driven with the sample API
 * Gateway events of {@code events/apigw/} (client {@code local-dev}), end to end on the local cloud.
 */
class HttpApiFunctionIT extends LocalModeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    FunctionCatalog functions;

    private JsonNode call(APIGatewayV2HTTPEvent event, int expectedStatus) {
        APIGatewayV2HTTPResponse response = HttpApiInvocations.invoke(functions, event);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expectedStatus);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode pollStatus(String id, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode latest = call(ApiEvents.load("get-deployment.json", "deployment_id", id), 200);
        while (!latest.path("status").asText().equals(status) && !latest.path("status").asText().equals("failed")
                && System.nanoTime() < deadline) {
            sleep();
            latest = call(ApiEvents.load("get-deployment.json", "deployment_id", id), 200);
        }
        assertThat(latest.path("status").asText()).as(latest.toString()).isEqualTo(status);
        return latest;
    }

    @Test
    void sampleEvents_createGetGenerateListDelete() {
        JsonNode models = call(ApiEvents.load("get-models.json"), 200);
        assertThat(models.findValuesAsText("id")).contains("securemodel/tiny-random-llama",
                "ZimaBlueAI/HuatuoGPT-o1-8B");

        JsonNode created = call(ApiEvents.load("create-deployment.json"), 201);
        String id = created.path("id").asText();
        assertThat(created.at("/security_settings/compliance_mode").asText()).isEqualTo("hipaa");
        assertThat(created.at("/vpc_config/subnet_ids/0").asText()).isEqualTo("subnet-abc123");

        JsonNode running = pollStatus(id, "running");
        assertThat(running.path("endpoint").asText()).endsWith("/v1/deployments/" + id + "/generate");

        JsonNode generated = call(ApiEvents.load("generate.json", "deployment_id", id), 200);
        assertThat(generated.path("completion").asText()).isNotEmpty();
        assertThat(generated.at("/usage/completion_tokens").asInt()).isPositive();

        JsonNode page = call(ApiEvents.load("list-deployments.json"), 200);
        assertThat(page.at("/pagination/limit").asInt()).isEqualTo(1);
        assertThat(page.at("/pagination/total").asInt()).isPositive();
        page.path("deployments").forEach(d -> {
            assertThat(d.path("status").asText()).isEqualTo("running");
            assertThat(d.at("/tags/environment").asText()).isEqualTo("production");
        });

        JsonNode deleting = call(ApiEvents.load("delete-deployment.json", "deployment_id", id), 200);
        assertThat(deleting.path("status").asText()).isEqualTo("deleting");
        pollStatus(id, "deleted");
    }

    @Test
    void badSampleEvents_get4xx() {
        assertThat(call(ApiEvents.load("malformed-json.json"), 400).at("/error/code").asText())
                .isEqualTo("invalid_request_error");
        assertThat(call(ApiEvents.load("wrong-type.json", "deployment_id", "dep_none"), 400)
                .at("/error/message").asText()).isEqualTo("Field 'max_tokens' must be an integer");
        call(ApiEvents.load("unknown-route.json"), 404);
        call(ApiEvents.load("method-not-allowed.json"), 405);
        call(ApiEvents.load("missing-auth.json"), 401);
        assertThat(call(ApiEvents.load("get-deployment.json", "deployment_id", "dep_missing"), 404)
                .at("/error/code").asText()).isEqualTo("resource_not_found");
    }

    @Test
    void functionWebRoutes_bypassAuthentication_soTheyAreClosedByDefault() throws Exception {
        String event = Files.readString(ApiEvents.dir().resolve("get-models.json"));
        for (String path : List.of("/httpApi", "/deploymentWorker", "/functionRouter")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("invalid_request_error");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
