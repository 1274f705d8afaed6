package com.securemodel.core.deployment;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.ServiceSettings;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.idempotency.IdempotencyKeys;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.hosting.ModelHost;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.model.ModelInfo;
import com.securemodel.core.webhook.EventPublisher;
import com.securemodel.core.webhook.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Creates, reads, lists, updates and deletes deployments (validation, GPU fit, conditional writes, provisioning
 * messages).
 * Every method is scoped to one client: another client's deployment is {@code resource_not_found}.
 */
public final class DeploymentService {

    /** Live deployments per client unless the constructor names another quota. */
    public static final int DEFAULT_MAX_LIVE_DEPLOYMENTS = 10;
    private static final String COMPONENT = "deployment-service";
    private static final System.Logger LOG = System.getLogger(DeploymentService.class.getName());

    private final DeploymentStore store;
    private final ProvisioningQueue queue;
    private final DeploymentLog log;
    private final ModelRegistry models;
    private final GpuFit fit;
    private final ServiceSettings settings;
    private final Clock clock;
    private final IdGenerator ids;
    private final DeploymentLimits limits;
    private final DeploymentValidator validator;
    private final ModelHost replicas;
    private volatile EventPublisher events = EventPublisher.NONE;
    private volatile BiFunction<ClientId, String, List<String>> servedNames = (client, id) -> List.of();

    public DeploymentService(DeploymentStore store, ProvisioningQueue queue, DeploymentLog log, ModelRegistry models,
                             GpuFit fit, ServiceSettings settings, Clock clock, IdGenerator ids) {
        this(store, queue, log, models, fit, settings, clock, ids, DEFAULT_MAX_LIVE_DEPLOYMENTS);
    }

    /** @param maxLiveDeployments how many deployments (not deleted or failed) one client may have */
    public DeploymentService(DeploymentStore store, ProvisioningQueue queue, DeploymentLog log, ModelRegistry models,
                             GpuFit fit, ServiceSettings settings, Clock clock, IdGenerator ids,
                             int maxLiveDeployments) {
        this(store, queue, log, models, fit, settings, clock, ids, maxLiveDeployments, null);
    }

    /**
     * @param replicas answers {@code current_replicas} of a running deployment from {@code DescribeEndpoint}; null
     *        to answer the count stored when it came into service
     */
    public DeploymentService(DeploymentStore store, ProvisioningQueue queue, DeploymentLog log, ModelRegistry models,
                             GpuFit fit, ServiceSettings settings, Clock clock, IdGenerator ids,
                             int maxLiveDeployments, ModelHost replicas) {
        this(store, queue, log, models, fit, settings, clock, ids,
                DeploymentLimits.inProcess(maxLiveDeployments, fit.instances(), store, clock), replicas);
    }

    /**
     * @param limits the deployment quota of each client's tier (live deployments and GPU instances), taken before a
     *        deployment is stored
     * @param replicas answers {@code current_replicas} of a running deployment from {@code DescribeEndpoint}; null
     *        to answer the count stored when it came into service
     */
    public DeploymentService(DeploymentStore store, ProvisioningQueue queue, DeploymentLog log, ModelRegistry models,
                             GpuFit fit, ServiceSettings settings, Clock clock, IdGenerator ids,
                             DeploymentLimits limits, ModelHost replicas) {
        this.replicas = replicas;
        this.limits = limits;
        this.validator = new DeploymentValidator(models, settings.region());
        this.store = store;
        this.queue = queue;
        this.log = log;
        this.models = models;
        this.fit = fit;
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Reports {@code deployment.created}, {@code updated}, {@code status_changed}, {@code scaling_changed} and
     * {@code error} of the changes this service makes to {@code events} (set once, when the service is wired).
     *
     * @return this service
     */
    public DeploymentService publishingTo(EventPublisher events) {
        this.events = events;
        return this;
    }

    /**
     * @param servedNames the names of the client's endpoints and canaries that send traffic to a deployment: a
     *        deployment that serves one is deleted only with {@code force} (set once, when the service is wired)
     * @return this service
     */
    public DeploymentService guardedBy(BiFunction<ClientId, String, List<String>> servedNames) {
        this.servedNames = servedNames;
        return this;
    }

    /** Validates, plans the hosting, stores the deployment as {@code creating} and queues its provisioning. */
    public Deployment create(ClientId clientId, CreateDeploymentRequest request) {
        return create(clientId, request, ids.next("dep"));
    }

    /**
     * {@link #create(ClientId, CreateDeploymentRequest)} once per client and {@code Idempotency-Key}: a retry with
     * the same key and body gets the deployment the first request created (409 for another body, or while the first
     * still runs).
     *
     * @param fingerprint a hash of the request as the client sent it
     */
    public IdempotencyKeys.Outcome<Deployment> create(ClientId clientId, CreateDeploymentRequest request,
                                                      IdempotencyKeys keys, String key, String fingerprint) {
        validator.validate(request);
        return keys.execute(clientId, "deployments", key, fingerprint, () -> ids.next("dep"),
                id -> create(clientId, request, id), id -> store.find(clientId, id).map(this::withLiveReplicas));
    }

    /**
     * What a create of this request would plan, without creating anything: the model, instance type, precision and
     * tensor parallelism the GPU-fit planner chooses, the GPU memory it needs and the instance has, and the GPU
     * instances the deployment would count against the client's tier; or, when it cannot fit, why.
     *
     * @throws ServiceException validation_error for a request a create would refuse for other reasons
     */
    public Plan plan(ClientId clientId, CreateDeploymentRequest request) {
        ValidDeployment valid = validator.validate(request);
        int gpuInstances = limits.gpuInstances(valid.instanceType(), valid.minReplicas(), valid.maxReplicas(),
                valid.autoScaling());
        try {
            HostingPlan plan = fit.plan(valid.model(), valid.instanceType(), valid.modelConfig().contextLength(),
                    valid.modelConfig().quantization(), "plan");
            return new Plan(true, valid.model().id(), valid.instanceType(), plan.precision(),
                    plan.tensorParallelDegree(), plan.estimatedGpuMemoryGib(),
                    usableGib(valid.instanceType(), plan.tensorParallelDegree()), gpuInstances, null);
        } catch (ServiceException cannotFit) {
            return new Plan(false, valid.model().id(), valid.instanceType(), null, 0, 0,
                    usableGib(valid.instanceType(), 1), gpuInstances, cannotFit.getMessage());
        }
    }

    /**
     * The GPU-fit planner's answer for a create ({@link #plan}).
     *
     * @param usableGpuMemoryGib of the instance's GPUs the plan uses (one GPU when it does not fit)
     * @param gpuInstances what the deployment counts against the tier's GPU-instance limit
     * @param reason why it cannot fit; null when it fits
     */
    public record Plan(boolean fits, String modelId, String instanceType, String precision, int tensorParallelDegree,
                       double estimatedGpuMemoryGib, double usableGpuMemoryGib, int gpuInstances, String reason) {
    }

    private Deployment create(ClientId clientId, CreateDeploymentRequest request, String id) {
        ValidDeployment valid = validator.validate(request);
        ModelInfo model = valid.model();
        HostingPlan plan = fit.plan(model, valid.instanceType(), valid.modelConfig().contextLength(),
                valid.modelConfig().quantization(), endpointName(id));
        limits.reserve(clientId, id, limits.gpuInstances(valid.instanceType(), valid.minReplicas(),
                valid.maxReplicas(), valid.autoScaling()));
        Instant now = clock.instant();
        Deployment deployment;
        try {
            deployment = store.create(new Deployment(clientId, id, model.id(), valid.deploymentName(),
                    valid.computeType(), valid.instanceType(), valid.minReplicas(), valid.maxReplicas(), 0,
                    valid.autoScaling(), valid.region(), valid.vpcConfig(), valid.tags(), valid.modelConfig(),
                    valid.securitySettings(), plan, DeploymentStatus.CREATING, null, now, now, 1));
        } catch (RuntimeException notStored) {
            try {
                limits.release(clientId, id);
            } catch (RuntimeException alsoFailed) {
                notStored.addSuppressed(alsoFailed);
            }
            throw notStored;
        }
        queueProvisioning(deployment);
        info(deployment, "Deployment created");
        events.publish(EventType.DEPLOYMENT_CREATED, deployment, null);
        info(deployment, String.format(Locale.ROOT, "Hosting plan: %s on ml.%s%s, ~%.1f GiB of %.0f GiB",
                plan.precision(), valid.instanceType(), plan.tensorParallelDegree() > 1
                        ? " across " + plan.tensorParallelDegree() + " GPUs (tensor parallel)" : "",
                plan.estimatedGpuMemoryGib(), usableGib(valid.instanceType(), plan.tensorParallelDegree())));
        return deployment;
    }

    /**
     * Right after the conditional put, so that no stored deployment waits for a message that was never sent: if
     * the queue refuses, the deployment is marked failed (best effort) and the error goes to the client.
     */
    private void queueProvisioning(Deployment deployment) {
        try {
            queue.send(new ProvisionTask(deployment.clientId(), deployment.id(), ProvisionTask.Action.PROVISION, 0),
                    Duration.ZERO);
        } catch (RuntimeException queueFailed) {
            try {
                Deployment failed = store.update(deployment.withStatus(DeploymentStatus.FAILED,
                        "The provisioning request could not be queued; create the deployment again", clock.instant()));
                events.publish(EventType.DEPLOYMENT_ERROR, failed, Map.of("error", failed.statusReason()));
            } catch (RuntimeException alsoFailed) {
                queueFailed.addSuppressed(alsoFailed);
            }
            throw queueFailed;
        }
    }

    /** @throws com.securemodel.core.error.ServiceException resource_not_found for an unknown (or foreign) id */
    public Deployment get(ClientId clientId, String deploymentId) {
        return withLiveReplicas(Deployments.require(store, clientId, deploymentId));
    }

    /** {@code current_replicas} as SageMaker counts them now (autoscaling moves them); the stored count if it fails. */
    private Deployment withLiveReplicas(Deployment deployment) {
        if (replicas == null || (deployment.status() != DeploymentStatus.RUNNING
                && deployment.status() != DeploymentStatus.UPDATING)) {
            return deployment;
        }
        try {
            EndpointState state = replicas.describeEndpoint(deployment.hosting().endpointName());
            return state.status() == EndpointState.Status.NOT_FOUND ? deployment
                    : deployment.withCurrentReplicas(state.currentInstanceCount());
        } catch (ServiceException e) {
            return deployment;
        }
    }

    /**
     * Applies a {@code PATCH}: tags and {@code model_config} merge into what exists. A change of the instance type,
     * the context length or the quantization (or of {@code min_replicas} without autoscaling) needs new hosting: the
     * GPU fit plans it again, the deployment goes {@code updating} and the worker points the endpoint at a new
     * model and endpoint config. A change of replicas or {@code auto_scaling} alone re-registers the scaling; tags
     * and generation defaults change the record alone. A lost race is applied again to what won, so no update is
     * lost.
     */
    public Deployment update(ClientId clientId, String deploymentId, UpdateDeploymentRequest request) {
        if (request == null) {
            throw ServiceException.invalidRequest("The request body is missing: send a JSON object with the fields to"
                    + " change");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return applyUpdate(Deployments.require(store, clientId, deploymentId), request);
            } catch (ConcurrentUpdateException raced) {
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    private Deployment applyUpdate(Deployment current, UpdateDeploymentRequest patch) {
        ValidDeployment merged = validator.validate(merge(current, patch));
        boolean newHosting = !merged.instanceType().equals(current.instanceType())
                || !Objects.equals(merged.modelConfig().contextLength(), current.modelConfig().contextLength())
                || !Objects.equals(merged.modelConfig().quantization(), current.modelConfig().quantization())
                || (!merged.autoScaling() && merged.minReplicas() != current.minReplicas());
        boolean newScaling = merged.autoScaling() != current.autoScaling()
                || merged.minReplicas() != current.minReplicas() || merged.maxReplicas() != current.maxReplicas();
        boolean recordChanges = !merged.tags().equals(current.tags())
                || !merged.modelConfig().equals(current.modelConfig());
        if (!newHosting && !newScaling && !recordChanges) {
            return current;
        }
        DeploymentStatus status = current.status();
        if (status == DeploymentStatus.DELETING || status == DeploymentStatus.DELETED) {
            throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "Deployment " + current.id() + " is "
                    + status.wire() + " and can no longer be changed");
        }
        if ((newHosting || newScaling) && status != DeploymentStatus.RUNNING) {
            throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "Deployment " + current.id() + " is "
                    + status.wire() + "; replicas, auto_scaling, instance_type and the hosting settings of"
                    + " model_config change only while it is running (tags and generation defaults change any time)");
        }
        HostingPlan hosting = current.hosting();
        if (newHosting) {
            ModelInfo model = merged.model();
            hosting = fit.plan(model, merged.instanceType(), merged.modelConfig().contextLength(),
                    merged.modelConfig().quantization(), hosting.endpointName()).succeeding(hosting).after(current);
        }
        int heldGpus = limits.gpuInstances(current.instanceType(), current.minReplicas(), current.maxReplicas(),
                current.autoScaling());
        int neededGpus = limits.gpuInstances(merged.instanceType(), merged.minReplicas(), merged.maxReplicas(),
                merged.autoScaling());
        if (neededGpus != heldGpus) {
            limits.resize(current, neededGpus);
        }
        Deployment updated;
        try {
            updated = store.update(current.withChanges(merged.instanceType(), merged.minReplicas(),
                    merged.maxReplicas(), merged.autoScaling(), merged.tags(), merged.modelConfig(), hosting,
                    newHosting ? DeploymentStatus.UPDATING : status, clock.instant()));
        } catch (RuntimeException notStored) {
            if (neededGpus != heldGpus) {
                limits.resize(current, heldGpus);
            }
            throw notStored;
        }
        if (newHosting) {
            queue.send(new ProvisionTask(updated.clientId(), updated.id(), ProvisionTask.Action.UPDATE, 0),
                    Duration.ZERO);
            info(updated, String.format(Locale.ROOT, "Update requested: hosting revision %d, %s on ml.%s, %d-%d"
                    + " replicas", hosting.revision(), hosting.precision(), merged.instanceType(),
                    merged.minReplicas(), merged.maxReplicas()));
        } else if (newScaling) {
            queue.send(new ProvisionTask(updated.clientId(), updated.id(), ProvisionTask.Action.SCALE, 0),
                    Duration.ZERO);
            info(updated, "Scaling changed: " + merged.minReplicas() + "-" + merged.maxReplicas() + " replicas,"
                    + " auto_scaling " + merged.autoScaling());
        } else {
            info(updated, "Tags or generation defaults changed");
        }
        events.publish(EventType.DEPLOYMENT_UPDATED, updated, null);
        if (updated.status() != status) {
            events.publish(EventType.DEPLOYMENT_STATUS_CHANGED, updated, Map.of("previous_status", status.wire()));
        }
        if (newScaling) {
            events.publish(EventType.DEPLOYMENT_SCALING_CHANGED, updated, Map.of(
                    "previous_min_replicas", current.minReplicas(), "previous_max_replicas", current.maxReplicas(),
                    "previous_auto_scaling", current.autoScaling()));
        }
        return updated;
    }

    /** The deployment as a create request with the patch applied (maps merged key by key, fields field by field). */
    private static CreateDeploymentRequest merge(Deployment current, UpdateDeploymentRequest patch) {
        Map<String, String> tags = new LinkedHashMap<>(current.tags());
        if (patch.tags() != null) {
            tags.putAll(patch.tags());
        }
        ModelConfig was = current.modelConfig();
        ModelConfig given = patch.modelConfig() == null ? ModelConfig.EMPTY : patch.modelConfig();
        ModelConfig config = new ModelConfig(
                given.contextLength() != null ? given.contextLength() : was.contextLength(),
                given.maxOutputTokens() != null ? given.maxOutputTokens() : was.maxOutputTokens(),
                given.defaultTemperature() != null ? given.defaultTemperature() : was.defaultTemperature(),
                given.defaultTopP() != null ? given.defaultTopP() : was.defaultTopP(),
                given.quantization() != null ? given.quantization() : was.quantization());
        return new CreateDeploymentRequest(current.modelName(), current.deploymentName(), current.computeType(),
                patch.instanceType() != null ? patch.instanceType() : current.instanceType(),
                patch.minReplicas() != null ? patch.minReplicas() : current.minReplicas(),
                patch.maxReplicas() != null ? patch.maxReplicas() : current.maxReplicas(),
                patch.autoScaling() != null ? patch.autoScaling() : current.autoScaling(), current.region(),
                current.vpcConfig(), tags, config, current.securitySettings());
    }

    public Page<Deployment> list(ClientId clientId, DeploymentQuery query) {
        List<Deployment> matching = store.list(clientId).stream()
                .filter(d -> query.status() == null || d.status() == query.status())
                .filter(d -> query.modelName() == null || d.modelName().equals(query.modelName()))
                .filter(d -> query.region() == null || d.region().equals(query.region()))
                .filter(d -> d.tags().entrySet().containsAll(query.tags().entrySet()))
                .sorted(Comparator.comparing(Deployment::createdAt).thenComparing(Deployment::id).reversed())
                .toList();
        int limit = Math.max(1, query.limit());
        int offset = Math.max(0, query.offset());
        int from = Math.min(offset, matching.size());
        int to = (int) Math.min((long) from + limit, matching.size());
        Integer next = to < matching.size() ? to : null;
        return new Page<>(matching.subList(from, to), matching.size(), limit, offset, next);
    }

    /** Moves the deployment to {@code deleting} and queues the teardown; {@code force} also deletes a busy one. */
    public Deployment delete(ClientId clientId, String deploymentId, boolean force) {
        try {
            return startDelete(clientId, deploymentId, force);
        } catch (ConcurrentUpdateException raced) {
            return startDelete(clientId, deploymentId, force);
        }
    }

    private Deployment startDelete(ClientId clientId, String deploymentId, boolean force) {
        Deployment current = get(clientId, deploymentId);
        DeploymentStatus status = current.status();
        if (status == DeploymentStatus.DELETED) {
            return current;
        }
        if (status == DeploymentStatus.DELETING) {
            // an earlier request may have stored the status but failed to queue the teardown: queue it again
            queue.send(new ProvisionTask(clientId, deploymentId, ProvisionTask.Action.DELETE, 0), Duration.ZERO);
            return current;
        }
        if (!force && (status == DeploymentStatus.CREATING || status == DeploymentStatus.UPDATING)) {
            throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "Deployment " + deploymentId + " is "
                    + status.wire() + "; wait until it is running or failed, or retry with force=true");
        }
        if (!force) {
            List<String> served = servedNames.apply(clientId, deploymentId);
            if (!served.isEmpty()) {
                throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "Deployment " + deploymentId
                        + " serves the endpoint(s) " + String.join(", ", served.stream().map(n -> "'" + n + "'")
                        .toList()) + "; repoint or delete them first, or retry with force=true");
            }
        }
        Deployment deleting = store.update(current.withStatus(DeploymentStatus.DELETING, null, clock.instant()));
        info(deleting, "Deletion requested" + (force ? " (forced)" : ""));
        events.publish(EventType.DEPLOYMENT_STATUS_CHANGED, deleting, Map.of("previous_status", status.wire()));
        queue.send(new ProvisionTask(clientId, deploymentId, ProvisionTask.Action.DELETE, 0), Duration.ZERO);
        return deleting;
    }

    private String endpointName(String deploymentId) {
        return settings.endpointPrefix() + "-" + deploymentId.replace('_', '-');
    }

    private double usableGib(String instanceType, int degree) {
        return fit.instances().find(instanceType).map(t -> t.gpuMemoryGib() * degree).orElse(0.0);
    }

    /** Best effort: the change is stored and queued already, a lost log line must not turn it into an error. */
    private void info(Deployment deployment, String message) {
        try {
            log.append(deployment.clientId(), deployment.id(),
                    new LogEntry(clock.instant(), "info", message, COMPONENT, null));
        } catch (RuntimeException lost) {
            LOG.log(System.Logger.Level.WARNING,
                    "A deployment log line could not be written: {0}", lost.getClass().getSimpleName());
        }
    }
}
