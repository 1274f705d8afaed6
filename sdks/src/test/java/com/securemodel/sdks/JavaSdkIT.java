package com.securemodel.sdks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.localstack.llm.TinyModelGenerator;
import com.securemodel.sdk.ApiKey;
import com.securemodel.sdk.AuthenticationException;
import com.securemodel.sdk.CanaryEndpoint;
import com.securemodel.sdk.CanaryMetrics;
import com.securemodel.sdk.CanaryTarget;
import com.securemodel.sdk.DeployRequest;
import com.securemodel.sdk.Deployment;
import com.securemodel.sdk.DeploymentFilter;
import com.securemodel.sdk.DeploymentStatus;
import com.securemodel.sdk.Endpoint;
import com.securemodel.sdk.GenerateRequest;
import com.securemodel.sdk.GenerateResult;
import com.securemodel.sdk.LogLine;
import com.securemodel.sdk.LogQuery;
import com.securemodel.sdk.Metrics;
import com.securemodel.sdk.MetricsQuery;
import com.securemodel.sdk.RateLimitException;
import com.securemodel.sdk.ResourceException;
import com.securemodel.sdk.SecureModelClient;
import com.securemodel.sdk.SecureModelException;
import com.securemodel.sdk.Subscription;
import com.securemodel.sdk.UpdateDeploymentRequest;
import com.securemodel.sdk.ValidationException;
import com.securemodel.sdk.Webhook;
import com.securemodel.sdk.WebhookDelivery;
import com.securemodel.sdk.Webhooks;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java SDK ({@code sdks/java}) against the real local service: every operation, and each exception type as the
 * service produces it. The retry edge cases the service cannot be made to produce on demand are unit tests of the
 * SDK ({@code SecureModelClientRetryTest}).
 */
class JavaSdkIT {

    private static final String TINY = TinyModelGenerator.MODEL_ID;

    private static LocalService service;
    private static SecureModelClient client;

    @BeforeAll
    static void startService() {
        service = LocalService.shared();
        client = clientWith(service.apiKey(), service.clientId());
    }

    private static SecureModelClient clientWith(String apiKey, String clientId) {
        return SecureModelClient.builder().apiKey(apiKey).clientId(clientId).baseUrl(service.baseUrl())
                .timeout(Duration.ofSeconds(60)).maxRetries(2).pollInterval(Duration.ofMillis(200)).build();
    }

    private static Deployment runningTinyDeployment(String name) {
        Deployment created = client.deployModel(DeployRequest.builder(TINY).deploymentName(name)
                .instanceType("g4dn.xlarge").tags(Map.of("suite", "java-sdk", "name", name)).build());
        return client.waitUntilRunning(created.id(), Duration.ofMinutes(3));
    }

    @Test
    void referenceExamples_deployGetStatusGenerateAndSubscription() {
        // the reference's calls, in Java, with the tiny model for HuatuoGPT
        Deployment deployment = client.deployModel(TINY, "my-secure-model", true);
        DeploymentStatus status = client.getDeploymentStatus(deployment.id());
        GenerateResult result = client.generate(GenerateRequest.builder("deployment-123",
                "Explain the importance of HIPAA compliance in healthcare AI").maxTokens(16).temperature(0.7).build());
        Subscription subscription = client.getSubscription();

        assertThat(deployment.id()).startsWith("dep_");
        assertThat(deployment.status()).isEqualTo("creating");
        assertThat(deployment.computeType()).isEqualTo("gpu");
        assertThat(status.id()).isEqualTo(deployment.id());
        assertThat(status.status()).isIn("creating", "running");
        assertThat(client.waitUntilRunning(deployment.id()).isRunning()).isTrue();
        assertThat(result.text()).isNotNull();
        assertThat(result.deploymentId()).isEqualTo(service.deploymentId());
        assertThat(result.finishReason()).isIn("stop", "length");
        assertThat(result.usage().totalTokens()).isPositive()
                .isEqualTo(result.usage().promptTokens() + result.usage().completionTokens());
        assertThat(subscription.tier()).isEqualTo("sdk");
        assertThat(subscription.usageLimit()).isEqualTo(subscription.limits().tokensPerPeriod()).isPositive();
        assertThat(subscription.currentUsage()).isNotNegative();
        assertThat(client.deleteDeployment(deployment.id()).status()).isEqualTo("deleting");
    }

    @Test
    void credentialsAndBaseUrl_comeFromTheEnvironmentVariablesTheServiceNames() {
        assertThat(service.env()).containsEntry("PAITIENT_BASE_URL", service.baseUrl())
                .containsEntry("PAITIENT_API_KEY", service.apiKey())
                .containsEntry("PAITIENT_CLIENT_ID", service.clientId());
        // the builder's own fallbacks are unit-tested; here the values the service hands out work as they are
        assertThat(clientWith(service.env().get("PAITIENT_API_KEY"), service.env().get("PAITIENT_CLIENT_ID"))
                .getDeployment(service.env().get("PAITIENT_DEPLOYMENT_ID")).isRunning()).isTrue();
    }

    @Test
    void deployments_listPagesFilterGetUpdateDelete() {
        String tag = UUID.randomUUID().toString();
        Deployment first = client.deployModel(DeployRequest.builder(TINY).deploymentName("java-list-1")
                .instanceType("g4dn.xlarge").tags(Map.of("run", tag)).build());
        Deployment second = client.deployModel(DeployRequest.builder(TINY).deploymentName("java-list-2")
                .instanceType("g4dn.xlarge").tags(Map.of("run", tag)).build());

        List<Deployment> listed = client.listDeployments(DeploymentFilter.ALL.withTags(Map.of("run", tag))
                .withModelName(TINY).withPageSize(1)).toList();

        assertThat(listed).extracting(Deployment::id).containsExactly(second.id(), first.id());
        assertThat(client.listDeployments().map(Deployment::id)).contains(service.deploymentId(), first.id());
        assertThat(client.listModels()).extracting(model -> model.id()).contains(TINY);

        client.waitUntilRunning(first.id());
        Deployment updated = client.updateDeployment(first.id(), UpdateDeploymentRequest.builder()
                .tags(Map.of("version", "2.0")).modelConfig(Map.of("default_temperature", 0.8)).build());
        assertThat(updated.tags()).containsEntry("run", tag).containsEntry("version", "2.0");
        assertThat(updated.modelConfig()).containsEntry("default_temperature", 0.8);
        assertThat(client.getDeployment(first.id()).tags()).containsEntry("version", "2.0");

        assertThat(client.deleteDeployment(first.id(), true).status()).isEqualTo("deleting");
        assertThat(client.deleteDeployment(second.id()).status()).isEqualTo("deleting");
        assertThatThrownBy(() -> client.waitUntilRunning(first.id()))
                .isInstanceOfSatisfying(ResourceException.class,
                        e -> assertThat(e.code()).isEqualTo("deployment_failed"));
    }

    @Test
    void deployModel_withIdempotencyKey_createsOnce() {
        DeployRequest request = DeployRequest.builder(TINY).deploymentName("java-once").instanceType("g4dn.xlarge")
                .idempotencyKey(UUID.randomUUID().toString()).build();

        Deployment first = client.deployModel(request);
        Deployment again = client.deployModel(request);

        assertThat(again.id()).isEqualTo(first.id());
        client.deleteDeployment(first.id(), true);
    }

    @Test
    void generateStream_answersThePiecesOfOneGeneration() {
        List<String> pieces;
        try (Stream<String> stream = client.generateStream(GenerateRequest.builder(service.deploymentId(),
                "Once upon a time").maxTokens(16).build())) {
            pieces = stream.toList();
        }

        assertThat(pieces).isNotEmpty().allSatisfy(piece -> assertThat(piece).isNotEmpty());
    }

    @Test
    void metricsAndLogs_ofTheRunningDeployment() {
        client.generate(service.deploymentId(), "Hello");

        Metrics metrics = client.getMetrics(service.deploymentId(), MetricsQuery.DEFAULT.withInterval("5m")
                .withMetrics("latency", "token_usage"));
        List<LogLine> lines = client.logs(service.deploymentId(), LogQuery.ALL.withOrder("asc").withPageSize(1))
                .limit(3).toList();

        assertThat(metrics.deploymentId()).isEqualTo(service.deploymentId());
        assertThat(metrics.interval()).isEqualTo("5m");
        assertThat(metrics.metrics().has("latency")).isTrue();
        assertThat(metrics.metrics().has("token_usage")).isTrue();
        assertThat(metrics.metrics().has("throughput")).isFalse();
        // one line per page: three lines are three pages, followed through next_token
        assertThat(lines).hasSize(3).allSatisfy(line -> {
            assertThat(line.timestamp()).isNotBlank();
            assertThat(line.level()).isIn("info", "warning", "error");
            assertThat(line.message()).isNotBlank();
        });
        assertThat(lines).extracting(LogLine::timestamp).isSorted();
    }

    @Test
    void endpointsAndCanaryEndpoints_createGenerateRepointSplitDelete() {
        String blue = service.deploymentId();
        String green = runningTinyDeployment("java-green").id();
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        Endpoint endpoint = client.endpoints().create("java-story-" + suffix, blue);
        assertThat(endpoint.id()).startsWith("ep_");
        assertThat(client.endpoints().get(endpoint.id()).deploymentId()).isEqualTo(blue);
        assertThat(client.endpoints().list().map(Endpoint::id)).contains(endpoint.id());
        assertThat(client.endpoints().generate(endpoint.id(), GenerateRequest.builder(null, "Hi").maxTokens(4)
                .build()).deploymentId()).isEqualTo(blue);
        assertThat(client.endpoints().repoint(endpoint.id(), green).deploymentId()).isEqualTo(green);
        assertThat(client.endpoints().generate(endpoint.id(), GenerateRequest.builder(null, "Hi").maxTokens(4)
                .build()).deploymentId()).isEqualTo(green);

        CanaryEndpoint canary = client.canaryEndpoints().create("java-canary-" + suffix,
                List.of(new CanaryTarget(blue, 90), new CanaryTarget(green, 10)));
        assertThat(canary.id()).startsWith("cep_");
        assertThat(client.canaryEndpoints().get(canary.id()).deployments())
                .containsExactly(new CanaryTarget(blue, 90), new CanaryTarget(green, 10));
        assertThat(client.canaryEndpoints().list().map(CanaryEndpoint::id)).contains(canary.id());
        assertThat(client.endpoints().generate(canary.id(), GenerateRequest.builder(null, "Hi").maxTokens(4).build(),
                "user-42").deploymentId()).isIn(blue, green);
        CanaryMetrics metrics = client.canaryEndpoints().getMetrics(canary.id(),
                MetricsQuery.DEFAULT.withMetrics("latency", "error_rate"));
        assertThat(metrics.deployments()).extracting(CanaryMetrics.DeploymentMetrics::id).containsExactly(blue, green);
        assertThat(client.canaryEndpoints().updateSplit(canary.id(),
                List.of(new CanaryTarget(blue, 50), new CanaryTarget(green, 50))).deployments())
                .extracting(CanaryTarget::trafficPercentage).containsExactly(50, 50);

        assertThatThrownBy(() -> client.endpoints().create("java-story-" + suffix, blue))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.status()).isEqualTo(409));
        client.canaryEndpoints().delete(canary.id());
        client.endpoints().delete(endpoint.id());
        assertThatThrownBy(() -> client.endpoints().get(endpoint.id())).isInstanceOf(ResourceException.class);
        assertThatThrownBy(() -> client.canaryEndpoints().get(canary.id())).isInstanceOf(ResourceException.class);
        client.deleteDeployment(green, true);
    }

    @Test
    void webhooks_deliverSignedEventsThatVerifySignatureAccepts() throws IOException, InterruptedException {
        BlockingQueue<Map.Entry<String, byte[]>> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(Map.entry(exchange.getRequestHeaders().getFirst(Webhooks.SIGNATURE_HEADER),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Webhook webhook = client.webhooks().create("http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hook", List.of("deployment.status_changed"));
            assertThat(webhook.secret()).startsWith("whsec_");
            assertThat(client.webhooks().get(webhook.id()).secret()).isNull();
            assertThat(client.webhooks().list()).extracting(Webhook::id).contains(webhook.id());

            WebhookDelivery test = client.webhooks().test(webhook.id());
            Map.Entry<String, byte[]> delivery = received.poll(60, TimeUnit.SECONDS);

            assertThat(test.eventType()).isEqualTo("webhook.test");
            assertThat(delivery).as("a delivery within 60 s").isNotNull();
            assertThat(Webhooks.verifySignature(webhook.secret(), delivery.getKey(), delivery.getValue())).isTrue();
            assertThat(Webhooks.verifySignature("whsec_wrong", delivery.getKey(), delivery.getValue())).isFalse();
            assertThat(client.webhooks().deliveries(webhook.id())).extracting(WebhookDelivery::eventId)
                    .contains(test.eventId());
            assertThat(client.webhooks().redeliver(webhook.id(), test.eventId()).eventId()).isEqualTo(test.eventId());
            assertThat(received.poll(60, TimeUnit.SECONDS)).as("the redelivery").isNotNull();

            client.webhooks().delete(webhook.id());
            assertThatThrownBy(() -> client.webhooks().get(webhook.id())).isInstanceOf(ResourceException.class);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void keys_createListUseRevoke() {
        ApiKey key = client.keys().create("java-sdk-read", List.of("read"));
        SecureModelClient readOnly = clientWith(key.key(), service.clientId());

        assertThat(key.key()).isNotBlank();
        assertThat(client.keys().list()).extracting(ApiKey::id).contains(key.id());
        assertThat(client.keys().list()).allSatisfy(listed -> assertThat(listed.key()).isNull());
        assertThat(readOnly.getDeployment(service.deploymentId()).isRunning()).isTrue();
        assertThatThrownBy(() -> readOnly.deployModel(TINY))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("permission_denied");
                });

        client.keys().revoke(key.id());

        assertThat(client.keys().list()).extracting(ApiKey::id).doesNotContain(key.id());
        assertThatThrownBy(() -> readOnly.getDeployment(service.deploymentId()))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void errors_fromTheService_areTheirTypedExceptions() {
        assertThatThrownBy(() -> clientWith("invalid-key", "invalid-id").deployModel("ZimaBlueAI/HuatuoGPT-o1-8B"))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("authentication_error");
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.getMessage()).isNotBlank();
                });
        assertThatThrownBy(() -> client.generate(GenerateRequest.builder(service.deploymentId(), "Hi").maxTokens(-1)
                .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("validation_error");
                });
        assertThatThrownBy(() -> client.listDeployments(DeploymentFilter.ALL.withPageSize(101)).findFirst())
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.getDeployment("dep_doesnotexist"))
                .isInstanceOfSatisfying(ResourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("resource_not_found");
                    assertThat(e.requestId()).startsWith("req_");
                });
        assertThatThrownBy(() -> client.deployModel(DeployRequest.builder("no-such/model")
                .instanceType("g4dn.xlarge").build()))
                .isInstanceOf(SecureModelException.class);
    }

    @Test
    void generate_onADeploymentThatIsNotRunning_isAResourceException() {
        Deployment creating = client.deployModel(DeployRequest.builder(TINY).deploymentName("java-not-running")
                .instanceType("g4dn.xlarge").build());
        client.deleteDeployment(creating.id(), true);

        assertThatThrownBy(() -> client.generate(creating.id(), "Hi"))
                .isInstanceOfSatisfying(ResourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("deployment_error");
                });
    }

    @Test
    void limits_fromTheService_areRateLimitExceptions() {
        SecureModelClient limited = SecureModelClient.builder().apiKey(LocalService.LIMITED_API_KEY + "-java")
                .clientId(LocalService.LIMITED_CLIENT_ID + "-java").baseUrl(service.baseUrl()).maxRetries(0).build();

        assertThatThrownBy(() -> limited.deployModel(DeployRequest.builder(TINY).instanceType("g4dn.xlarge").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.status()).isIn(403, 429);
                    assertThat(e.code()).isIn("quota_exceeded", "rate_limit_exceeded");
                });
        RateLimitException tooMany = null;
        for (int i = 0; i <= LocalService.LIMITED_REQUESTS_PER_MINUTE && tooMany == null; i++) {
            try {
                limited.getSubscription();
            } catch (RateLimitException e) {
                tooMany = e;
            }
        }
        assertThat(tooMany).as("a 429 within %d requests", LocalService.LIMITED_REQUESTS_PER_MINUTE + 1).isNotNull();
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.code()).isEqualTo("rate_limit_exceeded");
        assertThat(tooMany.retryAfter()).isPresent();
    }

    @Test
    void listDeployments_streamsLazily() {
        // reading one item fetches one page; the stream's collectors work as usual
        assertThat(client.listDeployments(DeploymentFilter.ALL.withStatus("running").withPageSize(1)).findFirst())
                .isPresent();
        assertThat(client.listDeployments(DeploymentFilter.ALL.withStatus("running"))
                .collect(Collectors.toMap(Deployment::id, Deployment::status))).containsKey(service.deploymentId());
    }
}
