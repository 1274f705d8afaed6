package com.securemodel.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryWebhookStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingWebhookQueue;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.tenant.ClientId;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookServiceTest {

    private static final ClientId CLIENT = new ClientId("acme");
    private static final ClientId OTHER = new ClientId("other");

    /** One request the receiver got. */
    private record Received(String url, Map<String, String> headers, String body) {
    }

    private final InMemoryWebhookStore store = new InMemoryWebhookStore();
    private final RecordingWebhookQueue queue = new RecordingWebhookQueue();
    private final MutableClock clock = new MutableClock();
    private final List<Received> received = new ArrayList<>();
    /** What the receiver answers, in turn; -1 for no answer; empty: 200. */
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final WebhookSender sender = (url, headers, body) -> {
        received.add(new Received(url, headers, new String(body, StandardCharsets.UTF_8)));
        int answer = answers.isEmpty() ? 200 : answers.pop();
        if (answer < 0) {
            throw new WebhookSender.DeliveryFailedException("timed out after 1 s");
        }
        return answer;
    };
    private final WebhookService webhooks = new WebhookService(store, queue, sender,
            TargetPolicy.publicHttpsOnly(host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")}),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 4), clock, new SequentialIdGenerator());

    private WebhookService.Created subscribe(String... events) {
        return webhooks.create(CLIENT, "https://hooks.example.com/in", List.of(events));
    }

    @Test
    void create_returnsTheSecretOnce_andValidatesEvents() {
        WebhookService.Created created = subscribe("deployment.created", "deployment.error");

        assertThat(created.secret()).startsWith("whsec_").hasSize(6 + 64);
        assertThat(created.webhook().events()).containsExactlyInAnyOrder(EventType.DEPLOYMENT_CREATED,
                EventType.DEPLOYMENT_ERROR);
        assertThat(created.webhook().toString()).doesNotContain(created.secret());
        assertThatThrownBy(() -> subscribe("deployment.exploded")).hasMessageContaining("deployment.scaling_changed");
        assertThatThrownBy(() -> subscribe()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> webhooks.create(CLIENT, "http://hooks.example.com/in", List.of("deployment.created")))
                .hasMessageContaining("https");
    }

    @Test
    void publish_queuesOneDeliveryPerSubscribedWebhook_only() {
        String created = subscribe("deployment.created").webhook().id();
        subscribe("deployment.deleted");
        webhooks.create(OTHER, "https://hooks.example.com/other", List.of("deployment.created"));

        webhooks.publish(CLIENT, EventType.DEPLOYMENT_CREATED, "dep_1", Map.of("deployment_id", "dep_1"));

        assertThat(queue.sent()).singleElement().satisfies(t -> {
            assertThat(t.clientId()).isEqualTo(CLIENT);
            assertThat(t.webhookId()).isEqualTo(created);
        });
    }

    @Test
    void deliver_signsTheBody_andMarksItDelivered_andADuplicateIsNotSentAgain() {
        WebhookService.Created hook = subscribe("deployment.created");
        webhooks.publish(CLIENT, EventType.DEPLOYMENT_CREATED, "dep_1", Map.of("deployment_id", "dep_1"));
        DeliveryTask task = queue.drain().getFirst();

        WebhookService.Outcome outcome = webhooks.deliver(task, 1);
        WebhookService.Outcome duplicate = webhooks.deliver(task, 2);

        assertThat(outcome.kind()).isEqualTo(WebhookService.Outcome.Kind.DONE);
        assertThat(duplicate.kind()).isEqualTo(WebhookService.Outcome.Kind.DONE);
        assertThat(received).hasSize(1);
        Received got = received.getFirst();
        assertThat(got.body()).contains("\"type\":\"deployment.created\"", "\"deployment_id\":\"dep_1\"");
        assertThat(Signatures.verify(hook.secret(), got.headers().get(Signatures.HEADER),
                got.body().getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(got.headers()).containsEntry("X-PaiTIENT-Event-Id", task.eventId());
        WebhookDelivery line = webhooks.deliveries(CLIENT, hook.webhook().id()).getFirst();
        assertThat(line.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(line.attempts()).isEqualTo(1);
        assertThat(line.lastResponseCode()).isEqualTo(200);
    }

    @Test
    void failedAttempts_retryWithGrowingDelays_thenGiveUp() {
        String id = subscribe("deployment.error").webhook().id();
        webhooks.publish(CLIENT, EventType.DEPLOYMENT_ERROR, "dep_1", Map.of("error", "boom"));
        DeliveryTask task = queue.drain().getFirst();
        answers.addAll(List.of(500, -1, 503, 502));

        List<WebhookService.Outcome> outcomes = List.of(webhooks.deliver(task, 1), webhooks.deliver(task, 2),
                webhooks.deliver(task, 3), webhooks.deliver(task, 4));

        assertThat(outcomes).extracting(WebhookService.Outcome::retryAfter).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ZERO);
        assertThat(outcomes.getLast().kind()).isEqualTo(WebhookService.Outcome.Kind.GIVE_UP);
        WebhookDelivery line = webhooks.deliveries(CLIENT, id).getFirst();
        assertThat(line.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(line.attempts()).isEqualTo(4);
        assertThat(line.lastResponseCode()).isEqualTo(502);
        assertThat(webhooks.deliver(task, 5).kind()).isEqualTo(WebhookService.Outcome.Kind.GIVE_UP);
        assertThat(received).hasSize(4);
    }

    @Test
    void redeliver_queuesTheEventAgain_evenWhenDelivered() {
        String id = subscribe("deployment.created").webhook().id();
        webhooks.publish(CLIENT, EventType.DEPLOYMENT_CREATED, "dep_1", Map.of());
        DeliveryTask task = queue.drain().getFirst();
        webhooks.deliver(task, 1);

        webhooks.redeliver(CLIENT, id, task.eventId());
        webhooks.deliver(queue.drain().getFirst(), 1);

        assertThat(received).hasSize(2);
        assertThat(received.get(1).headers().get("X-PaiTIENT-Event-Id")).isEqualTo(task.eventId());
        assertThat(webhooks.deliveries(CLIENT, id).getFirst().attempts()).isEqualTo(2);
        assertThatThrownBy(() -> webhooks.redeliver(CLIENT, id, "evt_none")).isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void test_deliversAWebhookTestEvent_toThatWebhookAlone() {
        String id = subscribe("deployment.created").webhook().id();
        subscribe("deployment.created");

        WebhookDelivery queued = webhooks.test(CLIENT, id);
        webhooks.deliver(queue.drain().getFirst(), 1);

        assertThat(queued.eventType()).isEqualTo(EventType.WEBHOOK_TEST);
        assertThat(received).singleElement().satisfies(r -> assertThat(r.body()).contains("webhook.test", id));
    }

    @Test
    void anotherClientsWebhook_isNotFound_andADeletedWebhooksDeliveryIsDropped() {
        String id = subscribe("deployment.created").webhook().id();
        webhooks.publish(CLIENT, EventType.DEPLOYMENT_CREATED, "dep_1", Map.of());

        assertThatThrownBy(() -> webhooks.get(OTHER, id)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> webhooks.delete(OTHER, id)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> webhooks.deliveries(OTHER, id)).isInstanceOf(ServiceException.class);
        webhooks.delete(CLIENT, id);

        assertThat(webhooks.deliver(queue.drain().getFirst(), 1).kind()).isEqualTo(WebhookService.Outcome.Kind.DONE);
        assertThat(received).isEmpty();
    }

    @Test
    void publish_whenTheStoreFails_doesNotThrow() {
        WebhookService broken = new WebhookService(new InMemoryWebhookStore() {
            @Override
            public List<Webhook> list(ClientId clientId) {
                throw new IllegalStateException("table down");
            }
        }, queue, sender, TargetPolicy.publicHttpsOnly(InetAddress::getAllByName), Backoff.DEFAULT, clock,
                new SequentialIdGenerator());

        broken.publish(CLIENT, EventType.DEPLOYMENT_CREATED, "dep_1", Map.of());

        assertThat(queue.sent()).isEmpty();
    }
}
