package com.securemodel.core.limits;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DeploymentQuota} in this process's memory: for single-process tools and tests, never for several
 * instances (they would each count alone).
 */
public final class InProcessDeploymentQuota implements DeploymentQuota {

    private final Map<ClientId, Map<String, Slot>> slots = new HashMap<>();

    @Override
    public synchronized boolean reserve(ClientId clientId, String deploymentId, int gpuInstances, int maxDeployments,
                                        int maxGpuInstances, Instant at) {
        Map<String, Slot> held = slots.computeIfAbsent(clientId, k -> new HashMap<>());
        if (held.containsKey(deploymentId)) {
            return true;
        }
        Usage usage = usage(clientId);
        if (usage.deployments() + 1 > maxDeployments || usage.gpuInstances() + gpuInstances > maxGpuInstances) {
            return false;
        }
        held.put(deploymentId, new Slot(deploymentId, gpuInstances, at));
        return true;
    }

    @Override
    public synchronized boolean resize(ClientId clientId, String deploymentId, int gpuInstances, int maxGpuInstances) {
        Map<String, Slot> held = slots.getOrDefault(clientId, Map.of());
        Slot slot = held.get(deploymentId);
        if (slot == null) {
            return false;
        }
        int delta = gpuInstances - slot.gpuInstances();
        if (delta > 0 && usage(clientId).gpuInstances() + delta > maxGpuInstances) {
            return false;
        }
        held.put(deploymentId, new Slot(deploymentId, gpuInstances, slot.createdAt()));
        return true;
    }

    @Override
    public synchronized void release(ClientId clientId, String deploymentId) {
        Map<String, Slot> held = slots.get(clientId);
        if (held != null) {
            held.remove(deploymentId);
        }
    }

    @Override
    public synchronized Usage usage(ClientId clientId) {
        List<Slot> held = slots(clientId);
        return new Usage(held.size(), held.stream().mapToLong(Slot::gpuInstances).sum());
    }

    @Override
    public synchronized List<Slot> slots(ClientId clientId) {
        return new ArrayList<>(slots.getOrDefault(clientId, Map.of()).values());
    }
}
