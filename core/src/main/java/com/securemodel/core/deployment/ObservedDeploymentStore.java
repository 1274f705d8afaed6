package com.securemodel.core.deployment;

import com.securemodel.core.tenant.ClientId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link DeploymentStore} that tells listeners about every deployment it writes, so that what this process
 * remembers of a deployment (the generation service's short cache of running deployments) is forgotten as soon as
 * this process changes it. Changes made by other processes reach them only when their memory expires.
 */
public final class ObservedDeploymentStore implements DeploymentStore {

    private final DeploymentStore store;
    private final List<Consumer<Deployment>> listeners = new CopyOnWriteArrayList<>();

    public ObservedDeploymentStore(DeploymentStore store) {
        this.store = store;
    }

    /** Calls {@code listener} with every deployment written from now on. */
    public void onChange(Consumer<Deployment> listener) {
        listeners.add(listener);
    }

    @Override
    public Deployment create(Deployment deployment) {
        return notify(store.create(deployment));
    }

    @Override
    public Optional<Deployment> find(ClientId clientId, String deploymentId) {
        return store.find(clientId, deploymentId);
    }

    @Override
    public List<Deployment> list(ClientId clientId) {
        return store.list(clientId);
    }

    @Override
    public Deployment update(Deployment deployment) {
        return notify(store.update(deployment));
    }

    private Deployment notify(Deployment written) {
        listeners.forEach(listener -> listener.accept(written));
        return written;
    }
}
