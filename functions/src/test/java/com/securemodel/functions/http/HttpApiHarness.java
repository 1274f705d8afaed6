package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.ServiceSettings;
import com.securemodel.core.audit.CallJournal;
import com.securemodel.core.fakes.InMemoryAuditStore;
import com.securemodel.core.fakes.InMemoryIdempotencyStore;
import com.securemodel.core.idempotency.IdempotencyKeys;
import com.securemodel.core.observe.AuditService;
import com.securemodel.core.observe.LogService;
import com.securemodel.core.observe.MetricsService;
import com.securemodel.core.observe.PageTokens;
import com.securemodel.functions.http.paitient.internal.ObservabilityHandlers;
import com.securemodel.core.bytez.BytezService;
import com.securemodel.core.bytez.InstanceActivity;
import com.securemodel.core.bytez.ModelJobService;
import com.securemodel.core.bytez.ModelUnreadableException;
import com.securemodel.core.bytez.Placement;
import com.securemodel.core.batch.BatchService;
import com.securemodel.core.fakes.InMemoryBatchFileStore;
import com.securemodel.core.fakes.InMemoryBatchStore;
import com.securemodel.core.fakes.InMemoryBlobStore;
import com.securemodel.core.fakes.InMemoryBytezInstanceStore;
import com.securemodel.core.fakes.InMemoryModelCatalog;
import com.securemodel.core.fakes.InMemoryModelJobStore;
import com.securemodel.core.fakes.RecordingModelJobQueue;
import com.securemodel.functions.http.bytez.BytezRoutes;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.deployment.ObservedDeploymentStore;
import com.securemodel.core.deployment.ProvisioningService;
import com.securemodel.core.fakes.FakeModelHost;
import com.securemodel.core.fakes.FakeModelInvoker;
import com.securemodel.core.fakes.InMemoryApiKeyStore;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.InMemoryEndpointStore;
import com.securemodel.core.endpoint.EndpointRouting;
import com.securemodel.core.endpoint.EndpointService;
import com.securemodel.core.endpoint.TrafficSplitter;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.InMemoryAsyncRequests;
import com.securemodel.core.fakes.InMemoryUsageStore;
import com.securemodel.core.fakes.InMemoryWebhookStore;
import com.securemodel.core.fakes.RecordingWebhookQueue;
import com.securemodel.core.webhook.Backoff;
import com.securemodel.core.webhook.TargetPolicy;
import com.securemodel.core.webhook.WebhookService;
import com.securemodel.core.async.AsyncRequestService;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.core.deployment.DeploymentLimits;
import com.securemodel.core.fakes.InMemoryPeriodUsageStore;
import com.securemodel.core.fakes.InMemoryRateLimitStore;
import com.securemodel.core.fakes.InMemoryTierStore;
import com.securemodel.core.limits.InProcessDeploymentQuota;
import com.securemodel.core.limits.RateLimiter;
import com.securemodel.core.limits.SubscriptionService;
import com.securemodel.core.limits.Tier;
import com.securemodel.core.limits.TierCatalog;
import com.securemodel.core.limits.TierResolver;
import com.securemodel.core.limits.TokenQuota;
import com.securemodel.functions.http.paitient.SubscriptionRoutes;
import com.securemodel.core.generation.ChatMessage;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.generation.PriorityAdmission;
import com.securemodel.core.tokens.TokenCount;
import com.securemodel.core.tokens.TokenCounter;
import com.securemodel.functions.http.openai.OpenAiRoutes;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.model.ModelBenchmarker;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ApiKeyService;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.http.paitient.KeyRoutes;
import com.securemodel.functions.http.paitient.PaitientRoutes;
import com.securemodel.functions.http.routing.RouteTable;
import com.securemodel.functions.http.routing.Router;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The HTTP function over the real core services and the in-memory fakes of the ports: no Spring, no network. */
final class HttpApiHarness {

    static final String BASE_URL = "https://api.example.com";
    static final String CLIENT = "local-dev";
    static final String KEY = "sk-local-dev";
    static final String OTHER_CLIENT = "other-team";
    static final String HARNESS_TIER = "harness";
    /** 5 requests per minute. */
    static final String TIGHT_TIER = "tight";
    /** 1 deployment, 4 GPU instances, 100 tokens per period. */
    static final String SMALL_TIER = "small";

    final MutableClock clock = new MutableClock();
    final InMemoryDeploymentStore store = new InMemoryDeploymentStore();
    final InMemoryEndpointStore endpointStore = new InMemoryEndpointStore();
    final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    final FakeModelHost host = new FakeModelHost();
    final FakeModelInvoker invoker = new FakeModelInvoker();
    final InMemoryApiKeyStore keyStore = new InMemoryApiKeyStore();
    final Authenticator authenticator = new Authenticator(keyStore, clock);
    final ApiKeyService keys = new ApiKeyService(keyStore, authenticator);
    final ServiceSettings settings = new ServiceSettings("sms", "arn:aws:iam::123456789012:role/sagemaker",
            "us-east-1", BASE_URL, Duration.ofSeconds(1), 5, null, true);
    final SequentialIdGenerator ids = new SequentialIdGenerator();
    final InMemoryUsageStore usageStore = new InMemoryUsageStore();
    final InMemoryPeriodUsageStore periodUsage = new InMemoryPeriodUsageStore();
    final UsageRecorder usage = new UsageRecorder(usageStore, periodUsage, clock, Duration.ofSeconds(5));
    /** Every client's tier: {@link #HARNESS_TIER} unless a test sets another. */
    final InMemoryTierStore tierStore = new InMemoryTierStore();
    final TierResolver tiers = new TierResolver(new TierCatalog(List.of(
            new Tier(HARNESS_TIER, 1_000_000, 1_000_000, 1_000_000_000, Long.MAX_VALUE - 1),
            new Tier(TIGHT_TIER, 1_000, 1_000, 5, 1_000_000),
            new Tier(SMALL_TIER, 1, 4, 1_000, 100)), HARNESS_TIER), tierStore, clock, Duration.ZERO);
    final InProcessDeploymentQuota deploymentQuota = new InProcessDeploymentQuota();
    final InMemoryRateLimitStore rateWindows = new InMemoryRateLimitStore();
    final TokenQuota tokenQuota = new TokenQuota(tiers, periodUsage, usage, clock, Duration.ZERO);
    final PriorityAdmission admission = new PriorityAdmission(Duration.ofSeconds(5));
    final InMemoryAsyncRequests asyncRows = new InMemoryAsyncRequests();
    final AsyncRequestService async = new AsyncRequestService(asyncRows, asyncRows, clock, ids, Duration.ofMinutes(30));
    final ProvisioningService provisioning;
    final InMemoryBytezInstanceStore instances = new InMemoryBytezInstanceStore();
    final InMemoryModelJobStore jobs = new InMemoryModelJobStore();
    final InMemoryModelCatalog catalog = new InMemoryModelCatalog();
    final RecordingModelJobQueue jobQueue = new RecordingModelJobQueue();
    final ModelJobService jobService;
    final BytezService bytez;
    final InMemoryBatchStore batchStore = new InMemoryBatchStore();
    final InMemoryBatchFileStore batchFiles = new InMemoryBatchFileStore();
    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final BatchService batchService = new BatchService(batchStore, batchFiles, blobs, clock, ids, 100);
    final InMemoryAuditStore audit = new InMemoryAuditStore();
    final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    final CallJournal journal = new CallJournal(audit, log, clock, Duration.ofSeconds(5));
    final PageTokens pageTokens = PageTokens.perProcess();
    final InMemoryWebhookStore webhookStore = new InMemoryWebhookStore();
    final RecordingWebhookQueue webhookQueue = new RecordingWebhookQueue();
    /** Deliveries answer 204 without a network. */
    final WebhookService webhooks;
    final HttpApiFunction api;
    final Router router;
    final String otherKey;
    private final ObjectMapper json = new ObjectMapper();

    /** A token counter for routing tests: one token per whitespace-separated word. */
    static final TokenCounter WORD_COUNTER = (model, prompt, messages) -> new TokenCount(
            (prompt != null ? List.of(prompt) : messages.stream().map(ChatMessage::content).toList()).stream()
                    .mapToInt(text -> text.isBlank() ? 0 : text.strip().split("\\s+").length).sum(),
            "words", "test_words");

    /** Loopback webhook receivers allowed, as in local mode; no DNS: only IP literals resolve. */
    HttpApiHarness(RouteTable... extraTables) {
        this(TargetPolicy.allowingLoopback(HttpApiHarness::literalsOnly), extraTables);
    }

    /** A resolver without the network: an IP literal is its address, any name is unknown. */
    static InetAddress[] literalsOnly(String host) throws UnknownHostException {
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    }

    /** @param webhookTargets the SSRF guard of webhook URLs ({@code publicHttpsOnly} for AWS mode) */
    HttpApiHarness(TargetPolicy webhookTargets, RouteTable... extraTables) {
        webhooks = new WebhookService(webhookStore, webhookQueue, (url, headers, body) -> 204, webhookTargets,
                Backoff.DEFAULT, clock, ids);
        ModelRegistry models = ModelRegistry.builtIn().with(catalog);
        GpuFit fit = new GpuFit(InstanceCatalog.builtIn());
        // as wired in production: services write through the observed store, so what generation remembers of a
        // deployment is forgotten when it changes (tests writing to `store` directly act like another process)
        ObservedDeploymentStore observed = new ObservedDeploymentStore(store);
        DeploymentLimits limits = new DeploymentLimits(deploymentQuota, tiers, InstanceCatalog.builtIn(), observed,
                clock);
        observed.onChange(limits::releaseIfEnded);
        DeploymentService deployments = new DeploymentService(observed, queue, log, models, fit, settings, clock, ids,
                limits, null).publishingTo(webhooks);
        EndpointRouting routing = new EndpointRouting(endpointStore, new TrafficSplitter(), clock,
                GenerationService.DEFAULT_RESOLVE_TTL);
        GenerationService generation = new GenerationService(observed, invoker, usage, clock, ids,
                GenerationService.DEFAULT_RESOLVE_TTL, routing, tokenQuota);
        EndpointService endpoints = new EndpointService(endpointStore, observed, routing, clock, ids);
        deployments.guardedBy(endpoints::namesServedBy);
        observed.onChange(generation::forget);
        provisioning = new ProvisioningService(observed, host, queue, log, new ContainerConfigFactory(), settings,
                clock).publishingTo(webhooks);
        List<RouteTable> tables = new ArrayList<>(List.of(new PaitientRoutes(deployments, generation, models,
                settings, new ObservabilityHandlers(new MetricsService(observed, usageStore, clock),
                        new LogService(observed, log, pageTokens, clock), new AuditService(audit, pageTokens, clock)), endpoints,
                new IdempotencyKeys(idempotency, clock), webhooks),
                new OpenAiRoutes(generation, WORD_COUNTER, admission, 1, async, BASE_URL, ids, clock, batchService)));
        Placement placement = new Placement(fit, List.of("g4dn.xlarge", "g4dn.12xlarge"));
        jobService = new ModelJobService(jobs, jobQueue, models, catalog, id -> {
            throw new ModelUnreadableException("no GGUF file for model '" + id + "'");
        }, placement, clock);
        bytez = new BytezService(instances, deployments, models, placement, new InstanceActivity(instances, clock),
                clock);
        tables.add(new BytezRoutes(jobService, bytez, generation, new ModelBenchmarker(catalog, clock)));
        tables.add(new SubscriptionRoutes(new SubscriptionService(tiers, tokenQuota, deploymentQuota, clock)));
        tables.add(new HealthRoutes());
        tables.add(new ApiDocumentRoutes());
        tables.add(new KeyRoutes(keys));
        tables.addAll(List.of(extraTables));
        router = new Router(tables);
        api = new HttpApiFunction(router, authenticator, usage, ids, journal, clock,
                new RateLimiter(rateWindows, tiers, clock));
        authenticator.register(new ClientId(CLIENT), "dev", KEY);
        otherKey = authenticator.issue(new ClientId(OTHER_CLIENT));
    }

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return api.apply(event);
    }

    JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return json.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a deployment of the tiny model through the API and returns its id. */
    String createDeployment() {
        return body(call(ApiEvents.load("create-deployment.json"))).path("id").asText();
    }

    /** Creates and provisions a deployment of the tiny model named {@code name} for {@code client}'s key. */
    String runningDeployment(String name, String client, String key) {
        var event = ApiEvents.as(ApiEvents.load("create-deployment.json"), client, key);
        var body = body(call(event));
        String id = body.path("id").asText();
        provision();
        return id;
    }

    /** Runs every queued async request, as the worker does. */
    void runQueuedRequests() {
        for (var sent : asyncRows.sent()) {
            async.run(sent.clientId(), sent.requestId(), api::replay);
        }
    }

    /** Runs the provisioning worker until its queue is empty (the fake host is InService at once). */
    void provision() {
        for (int i = 0; i < 20; i++) {
            var next = queue.poll();
            if (next.isEmpty()) {
                return;
            }
            provisioning.handle(next.get().task());
        }
        throw new AssertionError("provisioning did not settle in 20 tasks");
    }
}
