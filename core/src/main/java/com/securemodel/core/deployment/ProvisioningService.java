package com.securemodel.core.deployment;

import com.securemodel.core.ServiceSettings;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.hosting.ModelHost;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.gpu.InstanceType;
import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The deployment worker's logic: one {@link ProvisionTask} at a time, every step idempotent. */
public final class ProvisioningService {

    private static final String COMPONENT = "deployment-service";

    private final DeploymentStore store;
    private final ModelHost host;
    private final ProvisioningQueue queue;
    private final DeploymentLog log;
    private final ContainerConfigFactory containers;
    private final ServiceSettings settings;
    private final Clock clock;
    private final InstanceCatalog instances;

    public ProvisioningService(DeploymentStore store, ModelHost host, ProvisioningQueue queue, DeploymentLog log,
                               ContainerConfigFactory containers, ServiceSettings settings, Clock clock) {
        this(store, host, queue, log, containers, settings, clock, InstanceCatalog.builtIn());
    }

    /** @param instances tells which instance types have local NVMe (no KmsKeyId there) */
    public ProvisioningService(DeploymentStore store, ModelHost host, ProvisioningQueue queue, DeploymentLog log,
                               ContainerConfigFactory containers, ServiceSettings settings, Clock clock,
                               InstanceCatalog instances) {
        this.instances = instances;
        this.store = store;
        this.host = host;
        this.queue = queue;
        this.log = log;
        this.containers = containers;
        this.settings = settings;
        this.clock = clock;
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
            case DELETE -> delete(deployment, task.attempt());
            case CLEANUP -> cleanup(deployment, task.attempt());
        }
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
                Deployment running = deployment.withCurrentReplicas(state.currentInstanceCount());
                if (move(running, DeploymentStatus.RUNNING, null)) {
                    append(deployment, "info", "Deployment " + deployment.id() + " is now running");
                }
            }
            case FAILED -> {
                fail(deployment, "SageMaker endpoint failed: " + state.failureReason());
                send(deployment, ProvisionTask.Action.CLEANUP, 0);
            }
            case NOT_FOUND -> {
                if (deployment.status() == DeploymentStatus.CREATING) {
                    append(deployment, "warning", "Endpoint " + endpoint + " not found; creating it again");
                    provision(deployment, attempt + 1);
                } else {
                    fail(deployment, "SageMaker endpoint " + endpoint + " disappeared during the update");
                }
            }
            default -> pollAgain(deployment, attempt);
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
        String name = deployment.hosting().endpointName();
        host.deleteEndpoint(name, name, name);
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
        String name = deployment.hosting().endpointName();
        host.deleteEndpoint(name, name, name);
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
            store.update(deployment.withStatus(next, reason, clock.instant()));
            return true;
        } catch (ConcurrentUpdateException raced) {
            Deployment latest = store.find(deployment.clientId(), deployment.id()).orElse(null);
            if (latest == null || !latest.status().canMoveTo(next) || latest.status() != deployment.status()) {
                return false;
            }
            throw raced;
        }
    }

    private EndpointSpec endpointSpec(Deployment deployment) {
        String name = deployment.hosting().endpointName();
        boolean localNvme = instances.find(deployment.instanceType()).map(InstanceType::localNvme).orElse(false);
        Boolean isolation = deployment.securitySettings().networkIsolation();
        return new EndpointSpec(name, name, name, containers.containerFor(deployment), settings.executionRoleArn(),
                "ml." + deployment.instanceType(), deployment.minReplicas(), isolation == null || isolation,
                localNvme ? null : settings.kmsKeyId());
    }

    private void append(Deployment deployment, String level, String message) {
        log.append(deployment.clientId(), deployment.id(),
                new LogEntry(clock.instant(), level, message, COMPONENT, null));
    }
}
