package com.securemodel.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.sdk.internal.Backoff;
import com.securemodel.sdk.internal.Call;
import com.securemodel.sdk.internal.Pages;
import com.securemodel.sdk.internal.Transport;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The PaiTIENT Secure Model Service's v1 API. Thread-safe; build one and share it.
 *
 * <pre>{@code
 * SecureModelClient client = SecureModelClient.builder().apiKey("your-api-key").clientId("your-client-id").build();
 * Deployment deployment = client.deployModel("ZimaBlueAI/HuatuoGPT-o1-8B", "my-secure-model", true);
 * GenerateResult result = client.generate(GenerateRequest.builder(deployment.id(), "Hello").maxTokens(50).build());
 * }</pre>
 *
 * Every call throws a {@link SecureModelException} subclass on an error answer. Calls that may be repeated are retried
 * on 429, 5xx and network failures with exponential backoff and jitter, honouring {@code Retry-After}; a create only
 * when it carries an {@code Idempotency-Key} ({@link DeployRequest.Builder#idempotencyKey(String)}).
 */
public final class SecureModelClient {

    /** The base URL when neither the builder nor {@code PAITIENT_BASE_URL} sets one. */
    public static final String DEFAULT_BASE_URL = "https://api.paitient.ai/v1";

    private final Transport transport;
    private final Duration pollInterval;
    private final Endpoints endpoints;
    private final CanaryEndpoints canaryEndpoints;
    private final Webhooks webhooks;
    private final Keys keys;

    private SecureModelClient(Transport transport, Duration pollInterval) {
        this.transport = transport;
        this.pollInterval = pollInterval;
        this.endpoints = new Endpoints(transport);
        this.canaryEndpoints = new CanaryEndpoints(transport);
        this.webhooks = new Webhooks(transport);
        this.keys = new Keys(transport);
    }

    public static Builder builder() {
        return new Builder(System::getenv);
    }

    /** The base URL the client calls, ending in {@code /v1} for the service. */
    public String baseUrl() {
        return transport.baseUrl();
    }

    /** The models that can be deployed. */
    public List<Model> listModels() {
        return transport.sendList(Call.get("/models"), "models", Model.class);
    }

    /** Creates a deployment ({@code status} {@code creating}); see {@link #waitUntilRunning(String)}. */
    public Deployment deployModel(DeployRequest request) {
        return transport.send(Call.create("/deployments", request, request.idempotencyKey()), Deployment.class);
    }

    public Deployment deployModel(String modelName) {
        return deployModel(DeployRequest.builder(modelName).build());
    }

    /** The reference's {@code deploy_model(model_name, deployment_name, use_gpu)}. */
    public Deployment deployModel(String modelName, String deploymentName, boolean useGpu) {
        return deployModel(DeployRequest.builder(modelName).deploymentName(deploymentName).useGpu(useGpu).build());
    }

    public DeploymentStatus getDeploymentStatus(String deploymentId) {
        Deployment deployment = getDeployment(deploymentId);
        return new DeploymentStatus(deployment.id(), deployment.status(), deployment.statusReason(),
                deployment.currentReplicas());
    }

    public Deployment getDeployment(String deploymentId) {
        return transport.send(Call.get("/deployments/" + Call.segment(deploymentId)), Deployment.class);
    }

    /** Every deployment, newest first, fetched a page at a time as the stream is read. */
    public Stream<Deployment> listDeployments() {
        return listDeployments(DeploymentFilter.ALL);
    }

    public Stream<Deployment> listDeployments(DeploymentFilter filter) {
        return Pages.byOffset(offset -> {
            Call call = Call.get("/deployments").query("limit", filter.pageSize()).query("offset", offset)
                    .query("status", filter.status()).query("model_name", filter.modelName())
                    .query("region", filter.region());
            if (filter.tags() != null) {
                filter.tags().forEach((key, value) -> call.query("tags[" + key + "]", value));
            }
            return transport.send(call);
        }, "deployments", Deployment.class);
    }

    public Deployment updateDeployment(String deploymentId, UpdateDeploymentRequest request) {
        return transport.send(Call.patch("/deployments/" + Call.segment(deploymentId), request), Deployment.class);
    }

    /** Starts the teardown: the answer says {@code deleting}, later the deployment is {@code deleted}. */
    public DeploymentStatus deleteDeployment(String deploymentId) {
        return deleteDeployment(deploymentId, false);
    }

    public DeploymentStatus deleteDeployment(String deploymentId, boolean force) {
        JsonNode answer = transport.send(Call.delete("/deployments/" + Call.segment(deploymentId))
                .query("force", force ? "true" : null));
        return new DeploymentStatus(answer.path("id").asText(), answer.path("status").asText(), null, null);
    }

    /** Polls until the deployment runs, for at most ten minutes. */
    public Deployment waitUntilRunning(String deploymentId) {
        return waitUntilRunning(deploymentId, Duration.ofMinutes(10));
    }

    /**
     * Polls until the deployment runs. A deployment that fails or is deleted meanwhile is a {@link ResourceException}
     * (code {@code deployment_failed}, the message its {@code status_reason}); one still not running after
     * {@code timeout} a {@link ServiceException} (code {@code timeout}).
     */
    public Deployment waitUntilRunning(String deploymentId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Deployment deployment = getDeployment(deploymentId);
            switch (deployment.status()) {
                case "running":
                    return deployment;
                case "failed", "deleting", "deleted":
                    throw new ResourceException("deployment_failed", "Deployment " + deploymentId + " is "
                            + deployment.status() + (deployment.statusReason() == null ? ""
                            : ": " + deployment.statusReason()), null, 0, null);
                default:
                    break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ServiceException("timeout", "Deployment " + deploymentId + " is still "
                        + deployment.status() + " after " + timeout, null, 0, null);
            }
            sleep();
        }
    }

    /** Generates text on a deployment ({@code POST /deployments/{id}/generate}). */
    public GenerateResult generate(GenerateRequest request) {
        return transport.send(Call.action("/deployments/" + Call.segment(request.deploymentId()) + "/generate",
                request), GenerateResult.class);
    }

    public GenerateResult generate(String deploymentId, String prompt) {
        return generate(GenerateRequest.builder(deploymentId, prompt).build());
    }

    /**
     * Generates text on a deployment and answers the pieces as the model produces them. The PaiTIENT generate route
     * answers whole completions, so this streams through the service's OpenAI-compatible {@code POST /completions}
     * with the deployment id as the model (same deployment, same limits). Close the stream to stop early. Against
     * AWS, use the stack's {@code StreamingUrl} as base URL: API Gateway does not stream.
     */
    public Stream<String> generateStream(GenerateRequest request) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("model", request.deploymentId());
        body.put("prompt", request.prompt());
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        body.put("top_p", request.topP());
        body.put("stop", request.stop());
        body.put("stream", true);
        body.values().removeIf(java.util.Objects::isNull);
        return ServerSentEvents.texts(transport.lines(Call.action("/completions", body)
                .header("Accept", "text/event-stream")));
    }

    public Metrics getMetrics(String deploymentId) {
        return getMetrics(deploymentId, MetricsQuery.DEFAULT);
    }

    public Metrics getMetrics(String deploymentId, MetricsQuery query) {
        return transport.send(metricsCall("/deployments/" + Call.segment(deploymentId) + "/metrics", query),
                Metrics.class);
    }

    static Call metricsCall(String path, MetricsQuery query) {
        return Call.get(path).query("start_time", text(query.startTime())).query("end_time", text(query.endTime()))
                .query("interval", query.interval())
                .query("metrics", query.metrics().isEmpty() ? null : String.join(",", query.metrics()));
    }

    /** The lines of the last 30 days, newest first, 100 a page, fetched as the stream is read. */
    public Stream<LogLine> logs(String deploymentId) {
        return logs(deploymentId, LogQuery.ALL);
    }

    /**
     * The lines {@code query} selects, all pages, fetched as the stream is read. A range left open is pinned when the
     * stream is created (end: now, start: 30 days before, as the service's default), because the service binds each
     * {@code next_token} to the range and would otherwise compute a new one per page.
     */
    public Stream<LogLine> logs(String deploymentId, LogQuery query) {
        String path = "/deployments/" + Call.segment(deploymentId) + "/logs";
        Instant end = query.endTime() != null ? query.endTime()
                : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1);
        Instant start = query.startTime() != null ? query.startTime() : end.minus(Duration.ofDays(30));
        return Pages.byToken(token -> transport.send(Call.get(path).query("start_time", text(start))
                .query("end_time", text(end)).query("filter", query.filter())
                .query("order", query.order()).query("limit", query.pageSize()).query("next_token", token)),
                "logs", LogLine.class);
    }

    /** The tier and the tokens of the billing period. */
    public Subscription getSubscription() {
        return transport.send(Call.get("/subscription"), Subscription.class);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public CanaryEndpoints canaryEndpoints() {
        return canaryEndpoints;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public Keys keys() {
        return keys;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted", "Interrupted while waiting for the deployment", null, 0, e);
        }
    }

    /**
     * Configures a {@link SecureModelClient}. The API key and client id default to {@code PAITIENT_API_KEY} and
     * {@code PAITIENT_CLIENT_ID}, the base URL to {@code PAITIENT_BASE_URL}, else {@value #DEFAULT_BASE_URL}.
     */
    public static final class Builder {
        private final UnaryOperator<String> environment;
        private String apiKey;
        private String clientId;
        private String baseUrl;
        private Duration timeout = Duration.ofSeconds(60);
        private int maxRetries = 3;
        private Duration retryBaseDelay = Duration.ofMillis(500);
        private Duration retryMaxDelay = Duration.ofSeconds(8);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private Duration pollInterval = Duration.ofSeconds(1);
        private HttpClient httpClient;

        Builder(UnaryOperator<String> environment) {
            this.environment = environment;
        }

        public Builder apiKey(String value) {
            apiKey = value;
            return this;
        }

        public Builder clientId(String value) {
            clientId = value;
            return this;
        }

        public Builder baseUrl(String value) {
            baseUrl = value;
            return this;
        }

        /** How long one attempt of a call may take (default 60 s). */
        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        /** Retries after the first attempt of a repeatable call (default 3; 0 turns retrying off). */
        public Builder maxRetries(int value) {
            maxRetries = value;
            return this;
        }

        /** The first retry's pause (default 500 ms); it doubles per retry up to {@link #retryMaxDelay}. */
        public Builder retryBaseDelay(Duration value) {
            retryBaseDelay = value;
            return this;
        }

        public Builder retryMaxDelay(Duration value) {
            retryMaxDelay = value;
            return this;
        }

        /** A {@code Retry-After} longer than this (default 60 s) is not waited for: the error goes to the caller. */
        public Builder maxRetryAfter(Duration value) {
            maxRetryAfter = value;
            return this;
        }

        /** How often {@link SecureModelClient#waitUntilRunning} asks (default 1 s). */
        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        /** An HTTP client of your own (proxy, TLS settings); default: a new one with a 10 s connect timeout. */
        public Builder httpClient(HttpClient value) {
            httpClient = value;
            return this;
        }

        /** @throws AuthenticationException when no API key or client id is set here or in the environment */
        public SecureModelClient build() {
            String key = firstSet(apiKey, environment.apply("PAITIENT_API_KEY"));
            String client = firstSet(clientId, environment.apply("PAITIENT_CLIENT_ID"));
            if (key == null || client == null) {
                throw new AuthenticationException("missing_credentials", "Set an API key and a client id "
                        + "(apiKey/clientId, or PAITIENT_API_KEY/PAITIENT_CLIENT_ID)", null, 0, null);
            }
            String base = firstSet(baseUrl, environment.apply("PAITIENT_BASE_URL"));
            HttpClient http = httpClient != null ? httpClient : HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10)).build();
            Backoff backoff = new Backoff(maxRetries, retryBaseDelay, retryMaxDelay, maxRetryAfter);
            return new SecureModelClient(new Transport(http, base == null ? DEFAULT_BASE_URL : base, key, client,
                    timeout, backoff), pollInterval);
        }

        private static String firstSet(String value, String fallback) {
            if (value != null && !value.isBlank()) {
                return value;
            }
            return fallback != null && !fallback.isBlank() ? fallback : null;
        }
    }
}
