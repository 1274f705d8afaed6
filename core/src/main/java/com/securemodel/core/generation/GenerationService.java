package com.securemodel.core.generation;

import com.securemodel.core.ExpiringCache;
import com.securemodel.core.IdGenerator;
import com.securemodel.core.audit.CallContext;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.deployment.Deployments;
import com.securemodel.core.endpoint.Endpoint;
import com.securemodel.core.endpoint.EndpointRouting;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.InvocationResult;
import com.securemodel.core.hosting.ModelInvoker;
import com.securemodel.core.limits.TokenQuota;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageEvent;
import com.securemodel.core.usage.UsageRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Generates text on a running deployment of the calling client, for every dialect: resolves what a request names
 * (inside the caller's client only), checks the request, invokes the endpoint (whole or streamed) and records the
 * call's usage.
 */
public final class GenerationService {

    private final DeploymentStore store;
    private final ModelInvoker invoker;
    private final UsageRecorder usage;
    private final Clock clock;
    private final IdGenerator ids;
    private final TokenQuota quota;

    /** How long a resolved running deployment is remembered by default. */
    public static final Duration DEFAULT_RESOLVE_TTL = Duration.ofSeconds(5);
    private final ExpiringCache<String, Deployment> resolved;
    private final EndpointRouting endpoints;

    public GenerationService(DeploymentStore store, ModelInvoker invoker, UsageRecorder usage, Clock clock,
                             IdGenerator ids) {
        this(store, invoker, usage, clock, ids, DEFAULT_RESOLVE_TTL);
    }

    /**
     * @param resolveTtl how long {@link #resolve} and {@link #generate} remember a running deployment per client and
     *        name (zero: never), so that a burst of calls reads the store once. A change this process writes forgets
     *        it at once (wire {@link #forget} to {@link com.securemodel.core.deployment.ObservedDeploymentStore});
     *        another process's change is seen when the memory expires, or at once when the endpoint fails
     */
    public GenerationService(DeploymentStore store, ModelInvoker invoker, UsageRecorder usage, Clock clock,
                             IdGenerator ids, Duration resolveTtl) {
        this(store, invoker, usage, clock, ids, resolveTtl, null, null);
    }

    /**
     * @param endpoints the endpoints and canary endpoints that {@link #generateOnEndpoint} serves and that an OpenAI
     *        {@code model} may name; null: none
     */
    public GenerationService(DeploymentStore store, ModelInvoker invoker, UsageRecorder usage, Clock clock,
                             IdGenerator ids, Duration resolveTtl, EndpointRouting endpoints) {
        this(store, invoker, usage, clock, ids, resolveTtl, endpoints, null);
    }

    /**
     * @param endpoints as above; null: none
     * @param quota the token quota of each client's billing period, checked before every invocation (null: none)
     */
    public GenerationService(DeploymentStore store, ModelInvoker invoker, UsageRecorder usage, Clock clock,
                             IdGenerator ids, Duration resolveTtl, EndpointRouting endpoints, TokenQuota quota) {
        this.endpoints = endpoints;
        this.quota = quota;
        this.store = store;
        this.invoker = invoker;
        this.usage = usage;
        this.clock = clock;
        this.ids = ids;
        this.resolved = new ExpiringCache<>(clock, resolveTtl);
    }

    /**
     * The PaiTIENT generate: the deployment named by its id.
     *
     * @throws ServiceException resource_not_found (unknown or foreign deployment), deployment_error (not running),
     *         validation_error (bad parameters)
     */
    public GenerateResult generate(ClientId clientId, String deploymentId, GenerateRequest request) {
        return complete(remembered(clientId, "id\n" + deploymentId,
                () -> requireRunning(Deployments.require(store, clientId, deploymentId))), request);
    }

    /**
     * The PaiTIENT endpoint generate: the endpoint or canary endpoint named by its id serves the call from the
     * deployment it points at (a canary: the one its split picks). {@link GenerateResult#deploymentId()} names it.
     *
     * @param stickyKey keeps one user on one deployment of a canary; null: a random pick per call
     * @throws ServiceException resource_not_found (unknown or foreign endpoint), deployment_error (the deployment it
     *         points at is no longer running), validation_error (bad parameters)
     */
    public GenerateResult generateOnEndpoint(ClientId clientId, String endpointId, GenerateRequest request,
                                             String stickyKey) {
        Endpoint endpoint = (endpoints == null ? Optional.<Endpoint>empty() : endpoints.byId(clientId, endpointId))
                .orElseThrow(() -> ServiceException.notFound("No endpoint or canary endpoint " + abbreviate(
                        String.valueOf(endpointId)) + " for this client (GET /v1/endpoints and GET "
                        + "/v1/canary-endpoints list yours)"));
        return complete(served(endpoint, stickyKey), request);
    }

    /**
     * What an OpenAI {@code model} (or a Bytez model) names, inside the caller's client only: a deployment id, an
     * endpoint or canary endpoint (by name or id), a deployment name (the newest live deployment of that name), or a
     * model id (the caller's newest running deployment of it).
     *
     * @return the running deployment
     * @throws ServiceException model_not_found when nothing of the client has that name, deployment_error (409)
     *         when it exists but is not running (the message says its status)
     */
    public Deployment resolve(ClientId clientId, String model) {
        return resolve(clientId, model, null);
    }

    /**
     * {@link #resolve(ClientId, String)}, where a canary endpoint keeps the calls of one {@code stickyKey} (an OpenAI
     * {@code user}) on one of its deployments.
     */
    public Deployment resolve(ClientId clientId, String model, String stickyKey) {
        if (model == null || model.isBlank()) {
            throw ServiceException.validation("model is required: a deployment id, an endpoint name, a deployment "
                    + "name or a model id");
        }
        String name = model.strip();
        Optional<Endpoint> endpoint = endpoint(clientId, name);
        if (endpoint.isPresent()) {
            return served(endpoint.get(), stickyKey);
        }
        return remembered(clientId, "model\n" + name, () -> lookUp(clientId, name));
    }

    private Optional<Endpoint> endpoint(ClientId clientId, String name) {
        if (endpoints == null || name.startsWith("dep_")) {
            return Optional.empty();
        }
        return Endpoint.Kind.ofId(name) != null ? endpoints.byId(clientId, name) : endpoints.byName(clientId, name);
    }

    /** The running deployment that serves this call of the endpoint. */
    private Deployment served(Endpoint endpoint, String stickyKey) {
        String deploymentId = endpoints.pick(endpoint, stickyKey);
        return remembered(endpoint.clientId(), "id\n" + deploymentId, () -> requireRunning(
                Deployments.find(store, endpoint.clientId(), deploymentId).orElseThrow(() -> new ServiceException(
                        ErrorCode.DEPLOYMENT_ERROR, "The " + endpoint.kind().words() + " " + endpoint.id()
                        + " points at deployment " + deploymentId + ", which no longer exists; point it at a running "
                        + "deployment (PATCH)"))));
    }

    /** A running deployment looked up at most once per {@code resolveTtl} per client and key. */
    private Deployment remembered(ClientId clientId, String key, java.util.function.Supplier<Deployment> lookUp) {
        return resolved.get(clientId.value() + '\n' + key, lookUp);
    }

    private Deployment lookUp(ClientId clientId, String name) {
        if (name.startsWith("dep_")) {
            Optional<Deployment> byId = Deployments.find(store, clientId, name);
            if (byId.isPresent() && byId.get().status() != DeploymentStatus.DELETED) {
                return requireRunning(byId.get());
            }
        }
        List<Deployment> live = store.list(clientId).stream()
                .filter(d -> d.status() != DeploymentStatus.DELETED).toList();
        for (List<Deployment> candidates : List.of(
                live.stream().filter(d -> name.equals(d.deploymentName())).toList(),
                live.stream().filter(d -> name.equals(d.modelName())).toList())) {
            if (!candidates.isEmpty()) {
                return candidates.stream().filter(d -> d.status() == DeploymentStatus.RUNNING).findFirst()
                        .orElseGet(() -> requireRunning(candidates.getFirst()));
            }
        }
        throw new ServiceException(ErrorCode.MODEL_NOT_FOUND, "No deployment or model '" + abbreviate(name)
                + "' for this API key: use a deployment id, an endpoint name, a deployment name or a deployed model id "
                + "(GET /v1/models lists them)");
    }

    /**
     * @return the catalog model id of the client's deployment (any live status) named by id or name, else
     *         {@code model} itself (taken as a model id)
     */
    public String modelIdFor(ClientId clientId, String model) {
        String name = model.strip();
        Optional<Endpoint> endpoint = endpoint(clientId, name);
        if (endpoint.isPresent()) {
            return Deployments.find(store, clientId, endpoint.get().deploymentId()).map(Deployment::modelName)
                    .orElse(name);
        }
        return store.list(clientId).stream()
                .filter(d -> d.status() != DeploymentStatus.DELETED)
                .filter(d -> name.equals(d.id()) || name.equals(d.deploymentName()))
                .map(Deployment::modelName).findFirst().orElse(name);
    }

    /** @return the client's endpoints and canary endpoints, whose names a call may give as its model */
    public List<Endpoint> endpoints(ClientId clientId) {
        return endpoints == null ? List.of() : endpoints.all(clientId);
    }

    /** @return the client's running deployments, newest first */
    public List<Deployment> running(ClientId clientId) {
        return store.list(clientId).stream().filter(d -> d.status() == DeploymentStatus.RUNNING).toList();
    }

    /**
     * Generates the whole completion on a deployment {@link #resolve} returned.
     *
     * @throws ServiceException validation_error (bad parameters), deployment_error, service_unavailable
     */
    public GenerateResult complete(Deployment deployment, GenerateRequest request) {
        InvocationRequest invocation = GenerateRequestValidator.toInvocation(request, deployment.modelConfig());
        return record(deployment, invocation, () -> invoker.invoke(deployment.hosting().endpointName(), invocation));
    }

    /**
     * Generates on a deployment {@link #resolve} returned and hands each piece of text to {@code onText} as the
     * container produces it. Parameters are checked before anything is sent.
     *
     * @return the whole result, once the stream has ended
     */
    public GenerateResult stream(Deployment deployment, GenerateRequest request, Consumer<String> onText) {
        InvocationRequest invocation = GenerateRequestValidator.toInvocation(request, deployment.modelConfig());
        return record(deployment, invocation,
                () -> invoker.stream(deployment.hosting().endpointName(), invocation, onText));
    }

    /**
     * Checks a request without generating, so a stream can refuse bad parameters (or a spent token quota) before it
     * starts.
     */
    public void check(Deployment deployment, GenerateRequest request) {
        GenerateRequestValidator.toInvocation(request, deployment.modelConfig());
        checkQuota(deployment);
    }

    /** @throws ServiceException quota_exceeded when the client's tokens of the period are spent */
    private void checkQuota(Deployment deployment) {
        if (quota != null) {
            quota.check(deployment.clientId());
        }
    }

    private interface Invocation {
        InvocationResult run();
    }

    private GenerateResult record(Deployment deployment, InvocationRequest invocation, Invocation call) {
        checkQuota(deployment);
        Instant started = clock.instant();
        long start = System.nanoTime();
        InvocationResult result = null;
        try {
            result = call.run();
            return new GenerateResult(ids.next("gen"), deployment.id(), invocation.prompt(), result.text(),
                    finishReason(result.finishReason()), new Usage(result.promptTokens(), result.generatedTokens()),
                    started);
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.DEPLOYMENT_ERROR) {
                forget(deployment);
            }
            throw e;
        } finally {
            long latency = (System.nanoTime() - start) / 1_000_000;
            CallContext.noteGeneration(deployment.id(), result == null ? 0 : result.promptTokens(),
                    result == null ? 0 : result.generatedTokens());
            usage.record(new UsageEvent(deployment.clientId(), deployment.id(),
                    result == null ? 0 : result.promptTokens(), result == null ? 0 : result.generatedTokens(),
                    latency, result == null, started));
        }
    }

    /** Forgets what {@link #resolve} remembers of this deployment (it changed, or its endpoint failed). */
    public void forget(Deployment deployment) {
        resolved.forgetValues(d -> d.id().equals(deployment.id()) && d.clientId().equals(deployment.clientId()));
    }

    private static Deployment requireRunning(Deployment deployment) {
        if (deployment.status() != DeploymentStatus.RUNNING) {
            throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "Deployment " + deployment.id() + " is "
                    + deployment.status().wire() + "; generate works once it is running");
        }
        return deployment;
    }

    /** @return the PaiTIENT (and OpenAI) word for a TGI finish reason: {@code length} or {@code stop} */
    static String finishReason(String tgi) {
        return "length".equals(tgi) ? "length" : "stop";
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
