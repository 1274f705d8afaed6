package com.securemodel.core.deployment;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.gpu.InstanceType;
import com.securemodel.core.limits.DeploymentQuota;
import com.securemodel.core.limits.InProcessDeploymentQuota;
import com.securemodel.core.limits.Tier;
import com.securemodel.core.limits.TierCatalog;
import com.securemodel.core.limits.TierResolver;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The deployment quota of a client's tier: live deployments and GPU instances, held in the {@link DeploymentQuota}
 * (a slot per live deployment, taken atomically before the deployment is stored, so no SageMaker money is spent
 * over the limit and concurrent creates never pass it). A slot is given back once, when its deployment is written
 * {@code failed} or {@code deleted} ({@link #releaseIfEnded}, wired to every deployment write), whichever path
 * wrote it: the API, the worker, its dead-letter handling or the expiry sweep. A slot whose deployment is gone or
 * ended without giving it back (the process died between two writes) is found and given back when a create is
 * refused, so the counter heals itself.
 */
public final class DeploymentLimits {

    /** A slot younger than this may belong to a create still on its way to the store: never taken for an orphan. */
    static final Duration ORPHAN_GRACE = Duration.ofMinutes(2);
    private static final System.Logger LOG = System.getLogger(DeploymentLimits.class.getName());

    private final DeploymentQuota quota;
    private final TierResolver tiers;
    private final InstanceCatalog instances;
    private final DeploymentStore store;
    private final Clock clock;
    private final Duration orphanGrace;

    public DeploymentLimits(DeploymentQuota quota, TierResolver tiers, InstanceCatalog instances,
                            DeploymentStore store, Clock clock) {
        this(quota, tiers, instances, store, clock, ORPHAN_GRACE);
    }

    private DeploymentLimits(DeploymentQuota quota, TierResolver tiers, InstanceCatalog instances,
                             DeploymentStore store, Clock clock, Duration orphanGrace) {
        this.orphanGrace = orphanGrace;
        this.quota = quota;
        this.tiers = tiers;
        this.instances = instances;
        this.store = store;
        this.clock = clock;
    }

    /**
     * One process's limits of {@code maxDeployments} live deployments per client and no GPU limit (tests, tools): a
     * slot whose deployment is stored as ended is taken back at the next refusal, even without the write listener.
     */
    public static DeploymentLimits inProcess(int maxDeployments, InstanceCatalog instances, DeploymentStore store,
                                             Clock clock) {
        Tier tier = new Tier("default", maxDeployments, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
        return new DeploymentLimits(new InProcessDeploymentQuota(),
                TierResolver.fixed(new TierCatalog(List.of(tier), tier.name())), instances, store, clock,
                Duration.ZERO);
    }

    /** @return the GPUs a deployment may hold: GPUs of its instance type x replicas (the most it can scale to) */
    public int gpuInstances(String instanceType, int minReplicas, int maxReplicas, boolean autoScaling) {
        int gpus = instances.find(instanceType).map(InstanceType::gpus).orElse(1);
        return gpus * Math.max(1, autoScaling ? Math.max(minReplicas, maxReplicas) : minReplicas);
    }

    /** @throws ServiceException quota_exceeded, naming the limit, what is used and what to do */
    public void reserve(ClientId clientId, String deploymentId, int gpuInstances) {
        Tier tier = tiers.tierOf(clientId);
        if (gpuInstances > tier.maxGpuInstances()) {
            throw refused("This deployment needs " + gpuInstances + " GPU instances, more than the "
                    + tier.maxGpuInstances() + " the '" + tier.name() + "' tier allows at once: ask for fewer replicas"
                    + " or a smaller instance type, or a higher tier");
        }
        if (take(clientId, deploymentId, gpuInstances, tier)) {
            return;
        }
        if (releaseOrphans(clientId) && take(clientId, deploymentId, gpuInstances, tier)) {
            return;
        }
        DeploymentQuota.Usage usage = quota.usage(clientId);
        throw refused("This client has " + usage.deployments() + " live deployments holding "
                + usage.gpuInstances() + " GPU instances; the '" + tier.name() + "' tier allows "
                + tier.maxDeployments() + " deployments and " + tier.maxGpuInstances() + " GPU instances, and this one"
                + " needs " + gpuInstances + ": delete a deployment first, or ask for a higher tier");
    }

    private boolean take(ClientId clientId, String deploymentId, int gpuInstances, Tier tier) {
        return quota.reserve(clientId, deploymentId, gpuInstances, tier.maxDeployments(), tier.maxGpuInstances(),
                clock.instant());
    }

    /**
     * Changes what a live deployment holds (a {@code PATCH} of replicas or instance type). A deployment that holds no
     * slot (stored before slots existed) takes one.
     *
     * @throws ServiceException quota_exceeded when the new size does not fit
     */
    public void resize(Deployment current, int gpuInstances) {
        Tier tier = tiers.tierOf(current.clientId());
        if (quota.resize(current.clientId(), current.id(), gpuInstances, tier.maxGpuInstances())) {
            return;
        }
        boolean held = quota.slots(current.clientId()).stream().anyMatch(s -> s.deploymentId().equals(current.id()));
        if (!held && take(current.clientId(), current.id(), gpuInstances, tier)) {
            return;
        }
        DeploymentQuota.Usage usage = quota.usage(current.clientId());
        throw refused("This change needs " + gpuInstances + " GPU instances; this client's live deployments"
                + " hold " + usage.gpuInstances() + " and the '" + tier.name() + "' tier allows "
                + tier.maxGpuInstances() + ": ask for fewer replicas or a smaller instance type, or a higher tier");
    }

    /** Gives a deployment's slot back (idempotent). */
    public void release(ClientId clientId, String deploymentId) {
        quota.release(clientId, deploymentId);
    }

    /**
     * Listener of every deployment write: a deployment written {@code failed} or {@code deleted} gives its slot back.
     * A failure is logged, not thrown: the write it follows has happened, and the next refused create heals it.
     */
    public void releaseIfEnded(Deployment written) {
        if (!live(written.status())) {
            try {
                quota.release(written.clientId(), written.id());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A deployment slot could not be given back yet: {0}",
                        e.getClass().getSimpleName());
            }
        }
    }

    public DeploymentQuota.Usage usage(ClientId clientId) {
        return quota.usage(clientId);
    }

    /** @return whether any slot of a deployment that is gone or ended was given back */
    private boolean releaseOrphans(ClientId clientId) {
        boolean released = false;
        for (DeploymentQuota.Slot slot : quota.slots(clientId)) {
            if (slot.createdAt().plus(orphanGrace).isAfter(clock.instant())) {
                continue;
            }
            boolean orphan = Deployments.find(store, clientId, slot.deploymentId())
                    .map(d -> !live(d.status())).orElse(true);
            if (orphan) {
                quota.release(clientId, slot.deploymentId());
                released = true;
            }
        }
        return released;
    }

    /** Creating, running, updating and deleting deployments hold their slot; failed and deleted ones do not. */
    static boolean live(DeploymentStatus status) {
        return status != DeploymentStatus.FAILED && status != DeploymentStatus.DELETED;
    }

    private static ServiceException refused(String message) {
        return new ServiceException(ErrorCode.QUOTA_EXCEEDED, message);
    }
}
