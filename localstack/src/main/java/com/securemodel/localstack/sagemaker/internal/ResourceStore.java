package com.securemodel.localstack.sagemaker.internal;

import com.securemodel.localstack.llm.ModelLoadException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The emulated account's models, endpoint configurations and endpoints, keyed by lower-cased name, plus the
 * background work that brings endpoints into service.
 */
final class ResourceStore implements AutoCloseable {

    private final Map<String, ModelResource> models = new ConcurrentHashMap<>();
    private final Map<String, EndpointConfigResource> configs = new ConcurrentHashMap<>();
    private final Map<String, EndpointState> endpoints = new ConcurrentHashMap<>();
    private final EndpointLauncher launcher;
    private final ExecutorService background;
    private final Clock clock;
    private volatile boolean closed;

    ResourceStore(EndpointLauncher launcher, ExecutorService background, Clock clock) {
        this.launcher = launcher;
        this.background = background;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    Map<String, ModelResource> models() {
        return models;
    }

    Map<String, EndpointConfigResource> configs() {
        return configs;
    }

    Map<String, EndpointState> endpoints() {
        return endpoints;
    }

    Collection<EndpointState> allEndpoints() {
        return endpoints.values();
    }

    EndpointState endpoint(String name) {
        return endpoints.get(Names.key(name));
    }

    /** Loads {@code config}'s models in the background, then reports to {@code endpoint}. */
    void deploy(EndpointState endpoint, EndpointConfigResource config) {
        background.execute(() -> {
            try {
                Deployment deployment = launcher.launch(config, name -> models.get(Names.key(name)));
                if (closed || !endpoint.deployed(deployment, now())) {
                    deployment.retire();
                }
            } catch (ModelLoadException e) {
                endpoint.failed(e.getMessage(), now());
            } catch (RuntimeException e) {
                endpoint.failed("The model container failed to start: " + e, now());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
        endpoints.values().forEach(EndpointState::remove);
        endpoints.clear();
    }
}
