package com.securemodel.core.deployment;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.ServiceSettings;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.model.ModelInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Creates, reads, lists and deletes deployments (validation, GPU fit, conditional writes, provisioning messages).
 * Every method is scoped to one client: another client's deployment is {@code resource_not_found}.
 */
public final class DeploymentService {

    /** Live deployments per client unless the constructor names another quota. */
    public static final int DEFAULT_MAX_LIVE_DEPLOYMENTS = 10;
    private static final String COMPONENT = "deployment-service";

    private final DeploymentStore store;
    private final ProvisioningQueue queue;
    private final DeploymentLog log;
    private final ModelRegistry models;
    private final GpuFit fit;
    private final ServiceSettings settings;
    private final Clock clock;
    private final IdGenerator ids;
    private final int maxLiveDeployments;
    private final DeploymentValidator validator;

    public DeploymentService(DeploymentStore store, ProvisioningQueue queue, DeploymentLog log, ModelRegistry models,
                             GpuFit fit, ServiceSettings settings, Clock clock, IdGenerator ids) {
        this(store, queue, log, models, fit, settings, clock, ids, DEFAULT_MAX_LIVE_DEPLOYMENTS);
    }

    /** @param maxLiveDeployments how many deployments (not deleted or failed) one client may have */
    public DeploymentService(DeploymentStore store, ProvisioningQueue queue, DeploymentLog log, ModelRegistry models,
                             GpuFit fit, ServiceSettings settings, Clock clock, IdGenerator ids,
                             int maxLiveDeployments) {
        this.maxLiveDeployments = maxLiveDeployments;
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

    /** Validates, plans the hosting, stores the deployment as {@code creating} and queues its provisioning. */
    public Deployment create(ClientId clientId, CreateDeploymentRequest request) {
        ValidDeployment valid = validator.validate(request);
        String id = ids.next("dep");
        ModelInfo model = valid.model();
        HostingPlan plan = fit.plan(model, valid.instanceType(), valid.modelConfig().contextLength(),
                valid.modelConfig().quantization(), endpointName(id));
        checkQuota(clientId);
        Instant now = clock.instant();
        Deployment deployment = store.create(new Deployment(clientId, id, model.id(), valid.deploymentName(),
                valid.computeType(), valid.instanceType(), valid.minReplicas(), valid.maxReplicas(), 0,
                valid.autoScaling(), valid.region(), valid.vpcConfig(), valid.tags(), valid.modelConfig(),
                valid.securitySettings(), plan, DeploymentStatus.CREATING, null, now, now, 1));
        queueProvisioning(deployment);
        info(deployment, "Deployment created");
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
                store.update(deployment.withStatus(DeploymentStatus.FAILED,
                        "The provisioning request could not be queued; create the deployment again", clock.instant()));
            } catch (RuntimeException alsoFailed) {
                queueFailed.addSuppressed(alsoFailed);
            }
            throw queueFailed;
        }
    }

    /** @throws com.securemodel.core.error.ServiceException resource_not_found for an unknown (or foreign) id */
    public Deployment get(ClientId clientId, String deploymentId) {
        return Deployments.require(store, clientId, deploymentId);
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
        Deployment deleting = store.update(current.withStatus(DeploymentStatus.DELETING, null, clock.instant()));
        info(deleting, "Deletion requested" + (force ? " (forced)" : ""));
        queue.send(new ProvisionTask(clientId, deploymentId, ProvisionTask.Action.DELETE, 0), Duration.ZERO);
        return deleting;
    }

    private void checkQuota(ClientId clientId) {
        long live = store.list(clientId).stream()
                .filter(d -> d.status() != DeploymentStatus.DELETED && d.status() != DeploymentStatus.FAILED)
                .count();
        if (live >= maxLiveDeployments) {
            throw new ServiceException(ErrorCode.QUOTA_EXCEEDED, "This client already has " + live
                    + " live deployments (the quota is " + maxLiveDeployments + "); delete one first");
        }
    }

    private String endpointName(String deploymentId) {
        return settings.endpointPrefix() + "-" + deploymentId.replace('_', '-');
    }

    private double usableGib(String instanceType, int degree) {
        return fit.instances().find(instanceType).map(t -> t.gpuMemoryGib() * degree).orElse(0.0);
    }

    private void info(Deployment deployment, String message) {
        log.append(deployment.clientId(), deployment.id(),
                new LogEntry(clock.instant(), "info", message, COMPONENT, null));
    }
}
