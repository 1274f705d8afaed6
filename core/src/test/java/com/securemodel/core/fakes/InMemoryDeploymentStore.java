package com.securemodel.core.fakes;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DeploymentStore} in memory, with the conditional-write semantics of the real one. */
public final class InMemoryDeploymentStore implements DeploymentStore {

    private record Key(ClientId clientId, String id) {
    }

    private final Map<Key, Deployment> rows = new ConcurrentHashMap<>();

    @Override
    public Deployment create(Deployment deployment) {
        Deployment previous = rows.putIfAbsent(key(deployment), deployment);
        if (previous != null) {
            throw new ConcurrentUpdateException("Deployment " + deployment.id() + " already exists", null);
        }
        return deployment;
    }

    @Override
    public Optional<Deployment> find(ClientId clientId, String deploymentId) {
        return Optional.ofNullable(rows.get(new Key(clientId, deploymentId)));
    }

    @Override
    public List<Deployment> list(ClientId clientId) {
        return rows.values().stream()
                .filter(d -> d.clientId().equals(clientId))
                .sorted(Comparator.comparing(Deployment::createdAt).thenComparing(Deployment::id).reversed())
                .toList();
    }

    @Override
    public synchronized Deployment update(Deployment deployment) {
        Deployment stored = rows.get(key(deployment));
        if (stored == null || stored.version() != deployment.version()) {
            throw new ConcurrentUpdateException("Deployment " + deployment.id() + " changed meanwhile (stored version "
                    + (stored == null ? "none" : stored.version()) + ", written " + deployment.version() + ")", null);
        }
        Deployment next = deployment.nextVersion();
        rows.put(key(next), next);
        return next;
    }

    /** Replaces a row without any check (tests use it to set up states). */
    public void put(Deployment deployment) {
        rows.put(key(deployment), deployment);
    }

    private static Key key(Deployment deployment) {
        return new Key(deployment.clientId(), deployment.id());
    }
}
