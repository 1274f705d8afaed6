package com.securemodel.core.deployment;

import com.securemodel.core.ServiceSettings;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.hosting.ModelHost;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.gpu.InstanceType;
import com.securemodel.core.hosting.EndpointScaling;
import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.webhook.EventPublisher;
import com.securemodel.core.webhook.EventType;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment worker's logic: one {@link ProvisionTask} at a time, every step idempotent. An update creates the
 * hosting revision's model and endpoint config and calls {@code UpdateEndpoint}; once the endpoint is back in
 * service the previous revision's model and config are removed. Autoscaling is registered when a deployment with
 * {@code auto_scaling} comes (back) into service and deregistered before its endpoint is deleted.
 */
public final class ProvisioningService {

    private static final String COMPONENT = "deployment-service";
    /** SQS's longest per-message delay. */
    private static final Duration MAX_QUEUE_DELAY = Duration.ofMinutes(15);

    private final DeploymentStore store;
    private final ModelHost host;
    private final ProvisioningQueue queue;
    private final DeploymentLog log;
    private final ContainerConfigFactory containers;
    private final ServiceSettings settings;
    private final Clock clock;
    private final InstanceCatalog instances;
    private final EndpointScaling scaling;
    private volatile EventPublisher events = EventPublisher.NONE;

    public ProvisioningService(DeploymentStore store, ModelHost host, ProvisioningQueue queue, DeploymentLog log,
                               ContainerConfigFactory containers, ServiceSettings settings, Clock clock) {
        this(store, host, queue, log, containers, settings, clock, InstanceCatalog.builtIn());
    }

    public ProvisioningService(DeploymentStore store, ModelHost host, ProvisioningQueue queue, DeploymentLog log,
                               ContainerConfigFactory containers, ServiceSettings settings, Clock clock,
                               InstanceCatalog instances) {
        this(store, host, queue, log, containers, settings, clock, instances, EndpointScaling.NONE);
    }

    /**
     * @param instances tells which instance types have local NVMe (no KmsKeyId there)
     * @param scaling registers the endpoints of deployments with {@code auto_scaling}
     */
    public ProvisioningService(DeploymentStore store, ModelHost host, ProvisioningQueue queue, DeploymentLog log,
                               ContainerConfigFactory containers, ServiceSettings settings, Clock clock,
                               InstanceCatalog instances, EndpointScaling scaling) {
        this.instances = instances;
        this.scaling = scaling;
        this.store = store;
        this.host = host;
        this.queue = queue;
        this.log = log;
        this.containers = containers;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Reports {@code deployment.status_changed}, {@code deleted}, {@code health_changed} and {@code error} of what
     * the worker observes and changes to {@code events} (set once, when the service is wired).
     *
     * @return this service
     */
    public ProvisioningService publishingTo(EventPublisher events) {
        this.events = events;
        return this;
    }

    /**
     * Handles one task. Throws only for failures worth a redelivery (the message then goes back to the queue);
     * a deployment that cannot come up is marked {@code failed} instead.
     */
    public void handle(ProvisionTask task) {
        Optional<Deployment> found = store.find(task.clientId(), task.deploymentId());
        if (found.isEmpty()) {
            return;
        }
        Deployment deployment = found.get();
        switch (task.action()) {
            case PROVISION -> provision(deployment, 1);
            case POLL -> poll(deployment, task.attempt());
            case UPDATE -> update(deployment, task.attempt());
            case SCALE -> scale(deployment);
            case DELETE -> delete(deployment, task.attempt());
            case CLEANUP -> cleanup(deployment, task.attempt());
        }
    }

    /**
     * The last delivery of {@code task} failed too (the queue would now move it to its dead-letter queue): a
     * deployment still {@code creating}, {@code updating} or {@code deleting} is marked failed, so none waits
     * forever, and a cleanup is queued, so that no endpoint keeps billing. A cleanup that keeps failing is queued
     * again at the longest delay: it retries until SageMaker lets it remove the endpoint.
     */
    public void exhausted(ProvisionTask task) {
        Deployment deployment = store.find(task.clientId(), task.deploymentId()).orElse(null);
        if (deployment == null) {
            return;
        }
        DeploymentStatus status = deployment.status();
        if (status == DeploymentStatus.CREATING || status == DeploymentStatus.UPDATING) {
            fail(deployment, "The deployment could not be " + (status == DeploymentStatus.CREATING ? "created"
                    : "updated") + " after repeated attempts; its resources are being removed: delete it and try"
                    + " again, or contact support");
        } else if (status == DeploymentStatus.DELETING) {
            fail(deployment, "The deletion could not complete after repeated attempts; the service keeps removing"
                    + " its endpoint: delete the deployment again later, or contact support");
        } else if (status == DeploymentStatus.RUNNING) {
            String step = "A " + task.action().name().toLowerCase(Locale.ROOT) + " step failed repeatedly and was given up";
            append(deployment, "warning", step);
            events.publish(EventType.DEPLOYMENT_ERROR, deployment, Map.of("error", step));
            return;
        }
        queue.send(new ProvisionTask(deployment.clientId(), deployment.id(), ProvisionTask.Action.CLEANUP, 0),
                task.action() == ProvisionTask.Action.CLEANUP ? MAX_QUEUE_DELAY : settings.pollInterval());
    }

    /** @param firstPoll the poll attempt to continue with (a re-provision keeps counting) */
    private void provision(Deployment deployment, int firstPoll) {
        if (deployment.status() != DeploymentStatus.CREATING) {
            return;
        }
        EndpointSpec spec;
        try {
            spec = endpointSpec(deployment);
            host.createEndpoint(spec);
        } catch (ServiceException e) {
            if (isTransient(e)) {
                throw e;
            }
            fail(deployment, "SageMaker endpoint could not be created: " + e.getMessage());
            // the model or endpoint config may exist already: remove them
            send(deployment, ProvisionTask.Action.CLEANUP, 0);
            return;
        }
        append(deployment, "info", "Creating SageMaker endpoint " + spec.endpointName() + " on "
                + spec.initialInstanceCount() + " x " + spec.instanceType());
        send(deployment, ProvisionTask.Action.POLL, firstPoll);
    }

    /**
     * Dependency outages and lost races are worth a redelivery; anything else (SageMaker refusing the request, no
     * serving image in the region) fails the same way every time, so the deployment is marked failed with it.
     */
    private static boolean isTransient(ServiceException e) {
        return e instanceof ConcurrentUpdateException
                || e.code() == ErrorCode.SERVICE_UNAVAILABLE || e.code() == ErrorCode.INTERNAL;
    }

    private void poll(Deployment deployment, int attempt) {
        if (deployment.status() == DeploymentStatus.DELETED || deployment.status() == DeploymentStatus.FAILED) {
            // a provision that raced a delete (or a failure) may have created an endpoint nobody else removes
            cleanup(deployment, 0);
            return;
        }
        if (deployment.status() != DeploymentStatus.CREATING && deployment.status() != DeploymentStatus.UPDATING) {
            return;
        }
        String endpoint = deployment.hosting().endpointName();
        EndpointState state = host.describeEndpoint(endpoint);
        switch (state.status()) {
            case IN_SERVICE -> {
                if (rolledBack(deployment, state)) {
                    restorePrior(deployment, state.failureReason() == null ? "SageMaker rolled the endpoint back"
                            : "SageMaker: " + SafeReasons.scrub(state.failureReason()), state.currentInstanceCount());
                    return;
                }
                Deployment running = deployment.withCurrentReplicas(state.currentInstanceCount());
                if (move(running, DeploymentStatus.RUNNING, null)) {
                    append(deployment, "info", "Deployment " + deployment.id() + " is now running"
                            + (deployment.status() == DeploymentStatus.UPDATING ? " on hosting revision "
                            + deployment.hosting().revision() : ""));
                    health(running, "healthy");
                    inService(deployment);
                }
            }
            case FAILED -> {
                health(deployment, "unhealthy");
                fail(deployment, (deployment.status() == DeploymentStatus.UPDATING
                        ? "The update did not apply and the endpoint failed: " : "SageMaker endpoint failed: ")
                        + SafeReasons.scrub(state.failureReason()));
                send(deployment, ProvisionTask.Action.CLEANUP, 0);
            }
            case UPDATE_ROLLBACK_FAILED -> {
                health(deployment, "unhealthy");
                fail(deployment, "The update did not apply, and SageMaker could not return the endpoint to its"
                        + " previous configuration (" + SafeReasons.scrub(state.failureReason()) + "); its endpoint"
                        + " is being removed: create the deployment again");
                send(deployment, ProvisionTask.Action.CLEANUP, 0);
            }
            case NOT_FOUND -> {
                if (deployment.status() == DeploymentStatus.CREATING) {
                    append(deployment, "warning", "Endpoint " + endpoint + " not found; creating it again");
                    provision(deployment, attempt + 1);
                } else {
                    health(deployment, "unhealthy");
                    fail(deployment, "SageMaker endpoint " + endpoint + " disappeared during the update");
                }
            }
            default -> pollAgain(deployment, attempt);
        }
    }

    /**
     * SageMaker rolls a failed {@code UpdateEndpoint} back: the endpoint is {@code InService} again on the old
     * endpoint config, with a {@code FailureReason}.
     */
    private static boolean rolledBack(Deployment deployment, EndpointState state) {
        return deployment.status() == DeploymentStatus.UPDATING && state.endpointConfigName() != null
                && !state.endpointConfigName().equals(deployment.hosting().resourceName());
    }

    /**
     * After an update that did not apply (SageMaker refused {@code UpdateEndpoint}, or rolled it back): the new
     * revision's model and config are removed (first, so that a failure brings the same task back), then the
     * deployment returns to {@code running} with the settings it had before and a {@code status_reason} that says
     * the update did not apply. The endpoint still serves the previous revision.
     *
     * @param replicas what {@code DescribeEndpoint} counts now, or null to keep the stored count
     */
    private void restorePrior(Deployment deployment, String why, Integer replicas) {
        HostingPlan attempted = deployment.hosting();
        HostingPlan before = attempted.rolledBack();
        PriorHosting prior = attempted.prior();
        host.deleteModelAndConfig(attempted.resourceName(), attempted.resourceName());
        Deployment restored = deployment;
        if (before != null) {
            ModelConfig config = deployment.modelConfig();
            restored = prior == null ? deployment.withChanges(deployment.instanceType(), deployment.minReplicas(),
                    deployment.maxReplicas(), deployment.autoScaling(), deployment.tags(), config, before,
                    deployment.status(), clock.instant())
                    : deployment.withChanges(prior.instanceType(), prior.minReplicas(), prior.maxReplicas(),
                    prior.autoScaling(), deployment.tags(), new ModelConfig(prior.contextLength(),
                            config.maxOutputTokens(), config.defaultTemperature(), config.defaultTopP(),
                            prior.quantization()), before, deployment.status(), clock.instant());
        }
        if (replicas != null) {
            restored = restored.withCurrentReplicas(replicas);
        }
        String reason = "The last update (hosting revision " + attempted.revision() + ") did not apply (" + why
                + "); the deployment runs with its previous settings";
        if (move(restored, DeploymentStatus.RUNNING, reason)) {
            append(deployment, "error", reason + ": ml." + restored.instanceType() + ", " + restored.minReplicas()
                    + "-" + restored.maxReplicas() + " replicas on " + restored.hosting().resourceName()
                    + "; removed " + attempted.resourceName());
        }
    }

    private void pollAgain(Deployment deployment, int attempt) {
        if (attempt >= settings.maxPollAttempts()) {
            Duration waited = settings.pollInterval().multipliedBy(attempt);
            fail(deployment, "SageMaker endpoint did not come InService within " + waited.toMinutes() + " minutes ("
                    + attempt + " polls); its endpoint is being removed: delete the deployment and try again, or "
                    + "contact support");
            send(deployment, ProvisionTask.Action.CLEANUP, 0);
            return;
        }
        send(deployment, ProvisionTask.Action.POLL, attempt + 1);
    }

    private void delete(Deployment deployment, int attempt) {
        if (deployment.status() != DeploymentStatus.DELETING) {
            return;
        }
        if (postponedWhileBusy(deployment, ProvisionTask.Action.DELETE, attempt)) {
            return;
        }
        String name = removeHosting(deployment);
        if (move(deployment, DeploymentStatus.DELETED, null)) {
            append(deployment, "info", "Deployment " + deployment.id() + " deleted (endpoint " + name + " removed)");
        }
    }

    /** Removes what SageMaker still holds for a failed or deleted deployment, so that nothing keeps billing. */
    private void cleanup(Deployment deployment, int attempt) {
        if (deployment.status() != DeploymentStatus.FAILED && deployment.status() != DeploymentStatus.DELETED) {
            return;
        }
        if (postponedWhileBusy(deployment, ProvisionTask.Action.CLEANUP, attempt)) {
            return;
        }
        removeHosting(deployment);
    }

    /** Deregisters scaling, deletes the endpoint, its current model and config, and those of the revision before. */
    private String removeHosting(Deployment deployment) {
        HostingPlan hosting = deployment.hosting();
        String name = hosting.endpointName();
        scaling.deregister(name);
        host.deleteEndpoint(name, hosting.resourceName(), hosting.resourceName());
        if (hosting.previousResourceName() != null) {
            host.deleteModelAndConfig(hosting.previousResourceName(), hosting.previousResourceName());
        }
        return name;
    }

    /** Points the endpoint at the new hosting revision; the poll that follows brings the deployment back running. */
    private void update(Deployment deployment, int attempt) {
        if (deployment.status() != DeploymentStatus.UPDATING) {
            return;
        }
        if (postponedWhileBusy(deployment, ProvisionTask.Action.UPDATE, attempt)) {
            return;
        }
        EndpointSpec spec;
        try {
            spec = endpointSpec(deployment);
            host.updateEndpoint(spec);
        } catch (ServiceException e) {
            if (isTransient(e)) {
                throw e;
            }
            // the endpoint was not touched: it still serves the previous revision
            restorePrior(deployment, e.getMessage(), null);
            return;
        }
        append(deployment, "info", "Updating SageMaker endpoint " + spec.endpointName() + " to " + spec.endpointConfigName()
                + " (" + spec.initialInstanceCount() + " x " + spec.instanceType() + ")");
        send(deployment, ProvisionTask.Action.POLL, 1);
    }

    /** Applies {@code auto_scaling}, {@code min_replicas} and {@code max_replicas} to a running endpoint. */
    private void scale(Deployment deployment) {
        if (deployment.status() == DeploymentStatus.RUNNING) {
            applyScaling(deployment);
        }
    }

    /** After creation or an update: scaling as the deployment asks, and the replaced revision removed. */
    private void inService(Deployment deployment) {
        try {
            applyScaling(deployment);
        } catch (ServiceException e) {
            // the deployment is running already (a redelivered poll would stop there): scale in a task of its own
            append(deployment, "warning", "Autoscaling could not be applied yet; trying again shortly");
            send(deployment, ProvisionTask.Action.SCALE, 0);
        }
        String previous = deployment.hosting().previousResourceName();
        if (previous != null) {
            try {
                host.deleteModelAndConfig(previous, previous);
                append(deployment, "info", "Removed the replaced model and endpoint config " + previous);
            } catch (ServiceException e) {
                // nothing bills for a model or config; deleting the deployment removes the previous revision too
                append(deployment, "warning", "The replaced model and endpoint config " + previous
                        + " could not be removed yet; they go with the deployment");
            }
        }
    }

    private void applyScaling(Deployment deployment) {
        String endpoint = deployment.hosting().endpointName();
        if (deployment.autoScaling()) {
            scaling.register(endpoint, deployment.minReplicas(), deployment.maxReplicas());
            append(deployment, "info", "Autoscaling between " + deployment.minReplicas() + " and "
                    + deployment.maxReplicas() + " instances");
        } else {
            scaling.deregister(endpoint);
        }
    }

    /**
     * SageMaker does not delete an endpoint while it is being created or updated: try again after a poll interval,
     * up to {@code maxPollAttempts} times, then go ahead (the call's error then sends the message back).
     *
     * @return whether the task was postponed
     */
    private boolean postponedWhileBusy(Deployment deployment, ProvisionTask.Action action, int attempt) {
        EndpointState.Status status = host.describeEndpoint(deployment.hosting().endpointName()).status();
        boolean busy = status == EndpointState.Status.CREATING || status == EndpointState.Status.UPDATING;
        if (busy && attempt < settings.maxPollAttempts()) {
            send(deployment, action, attempt + 1);
            return true;
        }
        return false;
    }

    private void send(Deployment deployment, ProvisionTask.Action action, int attempt) {
        queue.send(new ProvisionTask(deployment.clientId(), deployment.id(), action, attempt), settings.pollInterval());
    }

    private void fail(Deployment deployment, String reason) {
        if (move(deployment, DeploymentStatus.FAILED, reason)) {
            append(deployment, "error", reason);
        }
    }

    /** @return whether the change was stored; false when the deployment moved on meanwhile (a stale task) */
    private boolean move(Deployment deployment, DeploymentStatus next, String reason) {
        if (!deployment.status().canMoveTo(next)) {
            return false;
        }
        try {
            Deployment moved = store.update(deployment.withStatus(next, reason, clock.instant()));
            published(deployment.status(), moved);
            return true;
        } catch (ConcurrentUpdateException raced) {
            Deployment latest = store.find(deployment.clientId(), deployment.id()).orElse(null);
            if (latest == null || !latest.status().canMoveTo(next) || latest.status() != deployment.status()) {
                return false;
            }
            throw raced;
        }
    }

    /** The events of a stored status change: status_changed, and deleted or error where it is one. */
    private void published(DeploymentStatus previous, Deployment moved) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("previous_status", previous.wire());
        change.put("status_reason", moved.statusReason());
        events.publish(EventType.DEPLOYMENT_STATUS_CHANGED, moved, change);
        if (moved.status() == DeploymentStatus.DELETED) {
            events.publish(EventType.DEPLOYMENT_DELETED, moved, null);
        } else if (moved.status() == DeploymentStatus.FAILED) {
            events.publish(EventType.DEPLOYMENT_ERROR, moved, Map.of("error", String.valueOf(moved.statusReason())));
        }
    }

    private void health(Deployment deployment, String health) {
        events.publish(EventType.DEPLOYMENT_HEALTH_CHANGED, deployment, Map.of("health", health,
                "current_replicas", deployment.currentReplicas()));
    }

    private EndpointSpec endpointSpec(Deployment deployment) {
        String name = deployment.hosting().endpointName();
        String resources = deployment.hosting().resourceName();
        boolean localNvme = instances.find(deployment.instanceType()).map(InstanceType::localNvme).orElse(false);
        Boolean isolation = deployment.securitySettings().networkIsolation();
        return new EndpointSpec(resources, resources, name, containers.containerFor(deployment), settings.executionRoleArn(),
                "ml." + deployment.instanceType(), deployment.minReplicas(), isolation == null || isolation,
                localNvme ? null : settings.kmsKeyId());
    }

    private void append(Deployment deployment, String level, String message) {
        log.append(deployment.clientId(), deployment.id(),
                new LogEntry(clock.instant(), level, message, COMPONENT, null));
    }
}
