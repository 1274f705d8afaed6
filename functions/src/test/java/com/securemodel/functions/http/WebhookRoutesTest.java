package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.webhook.TargetPolicy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code /v1/webhooks} through the HTTP function, with the SSRF guard as on AWS (public https only). */
class WebhookRoutesTest {

    /** Names under example.com resolve to a public address, localhost to loopback, IP literals to themselves. */
    private static final TargetPolicy AWS = TargetPolicy.publicHttpsOnly(host -> host.endsWith(".example.com")
            ? new InetAddress[] {InetAddress.getByName("93.184.216.34")} : host.equals("localhost")
            ? new InetAddress[] {InetAddress.getLoopbackAddress()} : HttpApiHarness.literalsOnly(host));

    private final HttpApiHarness harness = new HttpApiHarness(AWS);

    private APIGatewayV2HTTPResponse send(String method, String path, String body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(CallFactory.credentials("paitient",
                new CallFactory.Caller(HttpApiHarness.CLIENT, HttpApiHarness.KEY), false));
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        return harness.call(new HttpCall(method, path, "", headers, body).toEvent());
    }

    private APIGatewayV2HTTPResponse create(String url) {
        return send("POST", "/v1/webhooks", "{\"url\": \"" + url + "\", \"events\": [\"deployment.created\", "
                + "\"deployment.error\"]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/h", "https://[::1]/h", "https://10.0.0.1/h", "https://172.16.5.4/h",
            "https://192.168.0.10/h", "https://100.64.0.1/h", "https://169.254.169.254/latest/meta-data/",
            "https://169.254.1.1/h", "https://[fd00:ec2::254]/h", "https://[fd12::1]/h", "https://[fe80::1]/h",
            "https://[::ffff:10.0.0.1]/h", "https://[::ffff:127.0.0.1]/h", "https://224.0.0.1/h",
            "https://0.0.0.0/h", "https://localhost/h", "http://hooks.example.com/h"})
    void create_inAwsMode_refusesEveryForbiddenTarget_withAValidationError(String url) {
        APIGatewayV2HTTPResponse response = create(url);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        JsonNode error = harness.body(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("validation_error");
        assertThat(error.path("message").asText()).containsAnyOf("public https URLs only", "must use https");
        assertThat(harness.webhookStore.list(new ClientId(HttpApiHarness.CLIENT)))
                .isEmpty();
    }

    @Test
    void create_get_list_deliveries_delete_withASecretShownOnce() {
        APIGatewayV2HTTPResponse created = create("https://hooks.example.com/paitient");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        JsonNode webhook = harness.body(created);
        String id = webhook.path("id").asText();

        assertThat(webhook.path("secret").asText()).startsWith("whsec_");
        assertThat(webhook.path("events")).hasSize(2);
        JsonNode got = harness.body(send("GET", "/v1/webhooks/" + id, null));
        assertThat(got.path("url").asText()).isEqualTo("https://hooks.example.com/paitient");
        assertThat(got.has("secret")).isFalse();
        JsonNode list = harness.body(send("GET", "/v1/webhooks", null));
        assertThat(list.path("total").asInt()).isEqualTo(1);
        assertThat(list.toString()).doesNotContain(webhook.path("secret").asText());
        JsonNode test = harness.body(send("POST", "/v1/webhooks/" + id + "/test", null));
        assertThat(test.path("status").asText()).isEqualTo("pending");
        JsonNode log = harness.body(send("GET", "/v1/webhooks/" + id + "/deliveries", null));
        assertThat(log.path("deliveries")).singleElement().satisfies(line ->
                assertThat(line.path("event_type").asText()).isEqualTo("webhook.test"));
        assertThat(send("DELETE", "/v1/webhooks/" + id, null).getStatusCode()).isEqualTo(200);
        assertThat(send("GET", "/v1/webhooks/" + id, null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void create_withAnUnknownEvent_orNoEvents_isAValidationErrorNamingTheEvents() {
        APIGatewayV2HTTPResponse unknown = send("POST", "/v1/webhooks", "{\"url\": \"https://hooks.example.com/\", "
                + "\"events\": [\"deployment.exploded\"]}");
        APIGatewayV2HTTPResponse none = send("POST", "/v1/webhooks", "{\"url\": \"https://hooks.example.com/\", "
                + "\"events\": []}");

        assertThat(unknown.getStatusCode()).isEqualTo(400);
        assertThat(harness.body(unknown).at("/error/message").asText()).contains("deployment.exploded",
                "deployment.health_changed");
        assertThat(none.getStatusCode()).isEqualTo(400);
    }

    @Test
    void aDeploymentCreate_queuesADeliveryToTheSubscribedWebhook() {
        String id = harness.body(create("https://hooks.example.com/paitient")).path("id").asText();

        String deployment = harness.createDeployment();

        assertThat(harness.webhookQueue.sent()).singleElement().satisfies(task -> {
            assertThat(task.webhookId()).isEqualTo(id);
            assertThat(harness.webhookStore.findEvent(task.clientId(), task.eventId()).orElseThrow().body())
                    .contains("deployment.created", deployment);
        });
    }
}
