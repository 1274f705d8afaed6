package com.securemodel.core.fakes;

import com.securemodel.core.hosting.EndpointScaling;
import java.util.HashMap;
import java.util.Map;

/** An {@link EndpointScaling} that remembers each endpoint's registered bounds. */
public final class RecordingEndpointScaling implements EndpointScaling {

    /** The bounds of one registered endpoint. */
    public record Bounds(int min, int max) {
    }

    private final Map<String, Bounds> registered = new HashMap<>();
    private RuntimeException failure;

    /** Makes every following call throw {@code failure} (null: succeed again). */
    public synchronized RecordingEndpointScaling refuse(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    @Override
    public synchronized void register(String endpointName, int minInstances, int maxInstances) {
        if (failure != null) {
            throw failure;
        }
        registered.put(endpointName, new Bounds(minInstances, maxInstances));
    }

    @Override
    public synchronized void deregister(String endpointName) {
        if (failure != null) {
            throw failure;
        }
        registered.remove(endpointName);
    }

    /** @return the endpoint's bounds, or null when it is not registered */
    public synchronized Bounds bounds(String endpointName) {
        return registered.get(endpointName);
    }
}
