package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import com.securemodel.functions.webhook.WebhookResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Webhooks end to end in local mode: the API, the queue on the local cloud, the same {@code webhookWorker} Lambda
 * runs (polled in process) and receivers on loopback. The shared test context tries 3 times, 1 s then 2 s apart, and
 * gives a receiver 1 s to answer ({@link LocalModeTestSupport}).
 */
class WebhookApiIT extends LocalModeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LoopbackReceiver RECEIVER = new LoopbackReceiver();

    @Autowired
    Authenticator authenticator;
    @Autowired
    SqsClient sqs;
    @Autowired
    WebhookResources webhookQueue;

    private ApiClient api;

    @BeforeEach
    void newClient() {
        String client = "wh-" + UUID.randomUUID().toString().substring(0, 8);
        api = new ApiClient(baseUrl(), client, authenticator.issue(new ClientId(client)));
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    private JsonNode createWebhook(String url, String... events) {
        ApiClient.Answer created = api.post("/v1/webhooks", JSON.createObjectNode().put("url", url)
                .set("events", JSON.valueToTree(List.of(events))).toString());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode deliveryOf(String webhookId, String eventId, String status) {
        JsonNode log = api.pollUntil("/v1/webhooks/" + webhookId + "/deliveries", l -> line(l, eventId) != null
                && line(l, eventId).path("status").asText().equals(status), WAIT);
        JsonNode line = line(log, eventId);
        assertThat(line).as(log.toString()).isNotNull();
        assertThat(line.path("status").asText()).as(line.toString()).isEqualTo(status);
        return line;
    }

    private static JsonNode line(JsonNode log, String eventId) {
        for (JsonNode line : log.path("deliveries")) {
            if (line.path("event_id").asText().equals(eventId)) {
                return line;
            }
        }
        return null;
    }

    /** The receiver's own check, as the README shows it: HMAC-SHA256 of {@code "<t>.<body>"} with the secret. */
    private static boolean signedBy(String secret, LoopbackReceiver.Received received) throws Exception {
        String header = received.header("X-PaiTIENT-Signature");
        String t = header.replaceAll(".*t=(\\d+).*", "$1");
        String v1 = header.replaceAll(".*v1=([0-9a-f]+).*", "$1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + received.body())
                .getBytes(StandardCharsets.UTF_8)));
        return expected.equals(v1);
    }

    @Test
    void testDelivery_reachesTheReceiver_signed_andARedeliverySendsTheSameEventAgain() throws Exception {
        String url = RECEIVER.answering("/signed", 0, 204);
        JsonNode webhook = createWebhook(url, "deployment.created");
        String id = webhook.path("id").asText();
        String secret = webhook.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(api.get("/v1/webhooks/" + id).json().has("secret")).isFalse();

        ApiClient.Answer test = api.post("/v1/webhooks/" + id + "/test", null);
        assertThat(test.status()).as(test.raw().body()).isEqualTo(202);
        String eventId = test.json().path("event_id").asText();
        LoopbackReceiver.Received received = RECEIVER.next("/signed", WAIT);

        assertThat(received).as("the test delivery").isNotNull();
        assertThat(signedBy(secret, received)).isTrue();
        assertThat(signedBy("whsec_" + "0".repeat(64), received)).isFalse();
        assertThat(received.header("X-PaiTIENT-Event-Id")).isEqualTo(eventId);
        assertThat(JSON.readTree(received.body()).path("type").asText()).isEqualTo("webhook.test");
        JsonNode line = deliveryOf(id, eventId, "delivered");
        assertThat(line.path("attempts").asInt()).isEqualTo(1);
        assertThat(line.path("last_response_code").asInt()).isEqualTo(204);

        ApiClient.Answer again = api.post("/v1/webhooks/" + id + "/deliveries/" + eventId + "/redeliver", null);
        assertThat(again.status()).as(again.raw().body()).isEqualTo(202);
        LoopbackReceiver.Received second = RECEIVER.next("/signed", WAIT);
        assertThat(second).as("the redelivery").isNotNull();
        assertThat(second.header("X-PaiTIENT-Event-Id")).isEqualTo(eventId);
        assertThat(signedBy(secret, second)).isTrue();
        assertThat(api.pollUntil("/v1/webhooks/" + id + "/deliveries", l -> line(l, eventId).path("attempts").asInt()
                == 2, WAIT).toString()).contains("\"attempts\":2");
    }

    @Test
    void creatingADeployment_deliversDeploymentCreated_toTheSubscribedWebhook() throws Exception {
        String url = RECEIVER.answering("/created", 0, 200);
        JsonNode webhook = createWebhook(url, "deployment.created");

        ApiClient.Answer deployment = api.post("/v1/deployments", """
                {"model_name": "securemodel/tiny-random-llama", "deployment_name": "hooked",
                 "instance_type": "g4dn.xlarge", "model_config": {"context_length": 512}}""");
        assertThat(deployment.status()).as(deployment.raw().body()).isEqualTo(201);
        LoopbackReceiver.Received received = RECEIVER.next("/created", WAIT);

        assertThat(received).as("deployment.created").isNotNull();
        JsonNode event = JSON.readTree(received.body());
        assertThat(event.path("type").asText()).isEqualTo("deployment.created");
        assertThat(event.at("/data/deployment_id").asText()).isEqualTo(deployment.json().path("id").asText());
        assertThat(event.at("/data/status").asText()).isEqualTo("creating");
        assertThat(signedBy(webhook.path("secret").asText(), received)).isTrue();
        api.delete("/v1/deployments/" + deployment.json().path("id").asText() + "?force=true");
    }

    @Test
    void aReceiverFailingTheFirstAttempts_isRetriedWithGrowingDelays_untilItAnswers() {
        String url = RECEIVER.answering("/flaky", 2, 200);
        String id = createWebhook(url, "deployment.error").path("id").asText();

        String eventId = api.post("/v1/webhooks/" + id + "/test", null).json().path("event_id").asText();
        LoopbackReceiver.Received first = RECEIVER.next("/flaky", WAIT);
        LoopbackReceiver.Received second = RECEIVER.next("/flaky", WAIT);
        LoopbackReceiver.Received third = RECEIVER.next("/flaky", WAIT);

        assertThat(List.of(first, second, third)).doesNotContainNull();
        assertThat(List.of(first, second, third)).extracting(r -> r.header("X-PaiTIENT-Delivery-Attempt"))
                .containsExactly("1", "2", "3");
        // SQS hands the message out no earlier than the backoff: 1 s after the first failure, 2 s after the second
        assertThat(Duration.ofNanos(second.nanoTime() - first.nanoTime())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(Duration.ofNanos(third.nanoTime() - second.nanoTime())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        JsonNode line = deliveryOf(id, eventId, "delivered");
        assertThat(line.path("attempts").asInt()).isEqualTo(3);
        assertThat(line.path("last_response_code").asInt()).isEqualTo(200);
    }

    @Test
    void aReceiverThatNeverAnswers_timesOut_andAfterTheLastAttemptTheMessageIsInTheDlq() {
        String url = RECEIVER.silent("/silent");
        String id = createWebhook(url, "deployment.created").path("id").asText();

        String eventId = api.post("/v1/webhooks/" + id + "/test", null).json().path("event_id").asText();
        JsonNode line = deliveryOf(id, eventId, "failed");

        assertThat(line.path("attempts").asInt()).isEqualTo(3);
        assertThat(line.path("last_error").asText()).contains("timed out");
        assertThat(line.has("last_response_code")).isFalse();
        assertThat(dlqMessageFor(eventId)).as("the delivery's message in the DLQ").isNotNull();
        assertThat(RECEIVER.drained("/silent")).hasSize(3);
    }

    /** Reads the DLQ (long polls, for at most {@link #WAIT}) until the event's message is there. */
    private Message dlqMessageFor(String eventId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(webhookQueue.deadLetterQueueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()) {
                if (message.body().contains(eventId)) {
                    return message;
                }
            }
        }
        return null;
    }

    @Test
    void createInLocalMode_refusesPrivateAndMetadataAddresses_butNotLoopback() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook",
                "http://[fd00:ec2::254]/", "http://100.64.0.1/")) {
            ApiClient.Answer refused = api.post("/v1/webhooks", "{\"url\": \"" + url
                    + "\", \"events\": [\"deployment.created\"]}");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.json().at("/error/code").asText()).isEqualTo("validation_error");
            assertThat(refused.json().at("/error/message").asText()).contains("public https URLs only");
        }
    }
}
