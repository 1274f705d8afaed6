package com.securemodel.core.limits;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.List;

/**
 * Port: each client's live deployments and GPU instances, held as one slot per live deployment and a counter that
 * changes only together with a slot (atomically), so concurrent creates on any number of instances never pass the
 * limits.
 */
public interface DeploymentQuota {

    /** The counter: live deployments and the GPUs they hold. */
    record Usage(long deployments, long gpuInstances) {
        public static final Usage NONE = new Usage(0, 0);
    }

    /** One live deployment's slot. */
    record Slot(String deploymentId, int gpuInstances, Instant createdAt) {
    }

    /**
     * Takes a slot for the deployment if the counter stays within both limits after adding it: one deployment and
     * {@code gpuInstances} GPUs. A deployment that holds a slot already keeps it (true).
     *
     * @return whether the slot is held
     */
    boolean reserve(ClientId clientId, String deploymentId, int gpuInstances, int maxDeployments, int maxGpuInstances,
                    Instant at);

    /**
     * Changes the GPUs a slot holds, if the counter stays within {@code maxGpuInstances} (a decrease always fits).
     *
     * @return false when it would not fit, or when the deployment holds no slot
     */
    boolean resize(ClientId clientId, String deploymentId, int gpuInstances, int maxGpuInstances);

    /** Gives the slot back and takes it off the counter, once: a deployment without a slot changes nothing. */
    void release(ClientId clientId, String deploymentId);

    Usage usage(ClientId clientId);

    List<Slot> slots(ClientId clientId);
}
