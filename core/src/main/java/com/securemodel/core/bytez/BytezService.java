package com.securemodel.core.bytez;

import com.securemodel.core.deployment.CreateDeploymentRequest;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.model.ModelInfo;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bytez instances over the shared deployments: a load is a deployment like any other (it shows in
 * {@code GET /v1/deployments} and answers every dialect), plus an instance item with the expiry period; runs reset
 * the expiry through {@link InstanceActivity}; {@link #sweep()} removes instances idle past their period.
 */
public final class BytezService {

    public static final int DEFAULT_CONCURRENCY = 1;
    public static final long DEFAULT_EXPIRATION_SECONDS = 1800;
    static final long MAX_EXPIRATION_SECONDS = 7 * 24 * 3600;
    static final int MAX_CONCURRENCY = 10;
    /** A claim that never got its deployment (the process died between the two writes) is stale after this. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(2);
    /** Tag on the deployments Bytez creates. */
    public static final String TAG = "created-by";

    private final BytezInstanceStore instances;
    private final DeploymentService deployments;
    private final ModelRegistry models;
    private final Placement placement;
    private final InstanceActivity activity;
    private final Clock clock;

    public BytezService(BytezInstanceStore instances, DeploymentService deployments, ModelRegistry models,
                        Placement placement, InstanceActivity activity, Clock clock) {
        this.instances = instances;
        this.deployments = deployments;
        this.models = models;
        this.placement = placement;
        this.activity = activity;
        this.clock = clock;
    }

    /** What {@code /model/run} generates on. */
    public record RunTarget(BytezInstance instance, Deployment deployment) {
    }

    /**
     * {@code /model/load}: claims the instance, places it on the cheapest allowed instance type that fits and
     * creates its deployment.
     *
     * @throws ServiceException 409 {@code already loaded}; model_not_found for a model not available
     */
    public InstanceStatus load(ClientId clientId, LoadRequest request) {
        String modelId = ModelJobService.requireModelId(request.modelId());
        int concurrency = request.concurrency() == null ? DEFAULT_CONCURRENCY : request.concurrency();
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw ServiceException.validation("concurrency must be between 1 and " + MAX_CONCURRENCY + " (got "
                    + concurrency + ")");
        }
        long period = request.expirationPeriodSeconds() == null ? DEFAULT_EXPIRATION_SECONDS
                : request.expirationPeriodSeconds();
        if (period < 1 || period > MAX_EXPIRATION_SECONDS) {
            throw ServiceException.validation("expirationPeriodSeconds must be between 1 and " + MAX_EXPIRATION_SECONDS
                    + " (got " + period + ")");
        }
        String quantization = quantization(request.precision());
        ModelInfo model = models.find(modelId).orElseThrow(() -> new ServiceException(ErrorCode.MODEL_NOT_FOUND,
                "Model " + modelId + " is not available yet: request it with POST /model/job {\"model\": \""
                        + modelId + "\"} and load it once that answers 'Model available'"));
        instances.find(clientId, modelId).filter(BytezInstance::active).ifPresent(this::refuseOrRetire);
        Placement.Choice choice = placement.cheapest(model, quantization);
        Instant now = clock.instant();
        BytezInstance claim = new BytezInstance(clientId, modelId, null, concurrency, period,
                now.plusSeconds(period), 0, now, now, null);
        try {
            instances.claim(claim);
        } catch (ConcurrentUpdateException e) {
            throw alreadyLoaded(modelId);
        }
        Deployment deployment;
        try {
            deployment = deployments.create(clientId, new CreateDeploymentRequest(modelId, null, "gpu",
                    choice.instanceType(), concurrency, concurrency, false, null, null, Map.of(TAG, "bytez"),
                    new ModelConfig(null, null, null, null, quantization), null));
        } catch (RuntimeException e) {
            instances.remove(clientId, modelId);
            throw e;
        }
        BytezInstance loaded = claim.withDeployment(deployment.id(), clock.instant());
        instances.put(loaded);
        return status(loaded, Optional.of(deployment));
    }

    /** An active instance that still has a live deployment refuses the load; a failed or stale one is retired. */
    private void refuseOrRetire(BytezInstance existing) {
        Optional<Deployment> deployment = deploymentOf(existing);
        boolean stale = existing.deploymentId() == null
                && clock.instant().isAfter(existing.modified().plus(STALE_CLAIM));
        boolean dead = deployment.map(d -> d.status() == DeploymentStatus.FAILED
                || d.status() == DeploymentStatus.DELETED).orElse(stale);
        if (!dead) {
            throw alreadyLoaded(existing.modelId());
        }
        stop(existing, deployment);
    }

    private static ServiceException alreadyLoaded(String modelId) {
        return new ServiceException(ErrorCode.DEPLOYMENT_ERROR, 409, "Model " + modelId + " is already loaded; "
                + "POST /model/status shows it, POST /model/delete stops it", null);
    }

    /** {@code /model/status}. @throws ServiceException 404 when the client never loaded the model */
    public InstanceStatus status(ClientId clientId, String modelId) {
        BytezInstance instance = require(clientId, modelId);
        return status(instance, deploymentOf(instance));
    }

    /** {@code /model/instances}: the client's active instances, newest first. */
    public List<InstanceStatus> instances(ClientId clientId) {
        return instances.list(clientId).stream().filter(BytezInstance::active)
                .sorted(Comparator.comparing(BytezInstance::created).reversed())
                .map(i -> status(i, deploymentOf(i))).toList();
    }

    /**
     * {@code /model/run}: the running deployment of the client's active instance of {@code modelId}.
     *
     * @throws ServiceException 404 when not loaded, 409 when not running (the message says its status)
     */
    public RunTarget runTarget(ClientId clientId, String modelId) {
        BytezInstance instance = require(clientId, modelId);
        if (!instance.active()) {
            throw notLoaded(modelId);
        }
        Optional<Deployment> deployment = deploymentOf(instance);
        if (deployment.isEmpty() || deployment.get().status() != DeploymentStatus.RUNNING) {
            String word = status(instance, deployment).status();
            throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "Model " + modelId + " is " + word
                    + "; run it once POST /model/status says RUNNING");
        }
        return new RunTarget(instance, deployment.get());
    }

    /** Counts a run and resets the instance's expiry (written at most every few seconds). */
    public void recordRun(BytezInstance instance) {
        activity.record(instance);
    }

    /** {@code /model/delete}: deletes the instance's deployment and answers the final status. */
    public InstanceStatus delete(ClientId clientId, String modelId) {
        BytezInstance instance = require(clientId, modelId);
        if (!instance.active()) {
            throw notLoaded(modelId);
        }
        return stop(instance, deploymentOf(instance));
    }

    /**
     * The expiry sweep: stops every active instance whose stored {@code expiresAt} plus the activity write interval
     * has passed (the stored value may trail the last run by up to that interval). An instance still starting is
     * given a new period instead: its idle time counts once it can serve.
     *
     * @return how many instances it stopped
     */
    public int sweep() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(InstanceActivity.WRITE_INTERVAL);
        int stopped = 0;
        for (BytezInstanceStore.Key key : instances.expiredBefore(cutoff)) {
            Optional<BytezInstance> instance = instances.find(key.clientId(), key.modelId());
            if (instance.isEmpty() || !instance.get().active() || instance.get().expiresAt().isAfter(cutoff)) {
                continue;
            }
            BytezInstance expired = instance.get();
            Optional<Deployment> deployment = deploymentOf(expired);
            if (deployment.map(d -> d.status() == DeploymentStatus.CREATING).orElse(false)) {
                // the period counts from when the model can serve: a slow start is not idleness
                instances.touch(expired.clientId(), expired.modelId(), expired.deploymentId(),
                        now.plus(expired.period()), 0, now);
                continue;
            }
            stop(expired, deployment);
            stopped++;
        }
        return stopped;
    }

    private InstanceStatus stop(BytezInstance instance, Optional<Deployment> deployment) {
        Optional<Deployment> after = deployment;
        if (deployment.isPresent() && deployment.get().status() != DeploymentStatus.DELETED) {
            after = Optional.of(deployments.delete(instance.clientId(), deployment.get().id(), true));
        }
        BytezInstance stopped = instance.stopped(clock.instant());
        instances.put(stopped);
        return status(stopped, after);
    }

    private BytezInstance require(ClientId clientId, String modelId) {
        String id = ModelJobService.requireModelId(modelId);
        return instances.find(clientId, id).orElseThrow(() -> notLoaded(id));
    }

    private static ServiceException notLoaded(String modelId) {
        return ServiceException.notFound("Model " + modelId + " is not loaded for this API key; load it with "
                + "POST /model/load {\"model\": \"" + modelId + "\"}");
    }

    private Optional<Deployment> deploymentOf(BytezInstance instance) {
        if (instance.deploymentId() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(deployments.get(instance.clientId(), instance.deploymentId()));
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private InstanceStatus status(BytezInstance instance, Optional<Deployment> deployment) {
        String word = !instance.active() ? "STOPPED" : deployment.map(d -> word(d.status())).orElse("STARTING");
        String reason = deployment.filter(d -> d.status() == DeploymentStatus.FAILED)
                .map(Deployment::statusReason).orElse(null);
        return new InstanceStatus(instance.modelId(), word, reason, instance.concurrency(),
                instance.inferences() + activity.unwritten(instance), instance.expirationPeriodSeconds(),
                instance.expiresAt(), instance.created(), instance.modified(), instance.deploymentId());
    }

    /** @return Bytez's upper-case word for a deployment status */
    static String word(DeploymentStatus status) {
        return switch (status) {
            case CREATING -> "STARTING";
            case RUNNING -> "RUNNING";
            case UPDATING -> "UPDATING";
            case FAILED -> "FAILED";
            case DELETING -> "STOPPING";
            case DELETED -> "STOPPED";
        };
    }

    private static String quantization(Integer precision) {
        if (precision == null) {
            return "auto";
        }
        return switch (precision) {
            case 4 -> "int4";
            case 8 -> "int8";
            case 16, 32 -> "none";
            default -> throw ServiceException.validation("precision must be 4 or 8 (quantized), or 16 or 32 (not "
                    + "quantized) (got " + precision + ")");
        };
    }
}
