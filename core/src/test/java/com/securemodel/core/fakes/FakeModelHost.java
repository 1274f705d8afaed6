package com.securemodel.core.fakes;

import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.hosting.ModelHost;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ModelHost} in memory, idempotent like the real one. A created endpoint answers the states scripted with
 * {@link #script} one per {@code describeEndpoint} (the last repeats); unscripted, it is {@code IN_SERVICE} with
 * its initial instance count.
 */
public final class FakeModelHost implements ModelHost {

    private final Map<String, EndpointSpec> endpoints = new HashMap<>();
    private final Map<String, Deque<EndpointState>> scripts = new HashMap<>();
    private final List<EndpointSpec> createCalls = new ArrayList<>();
    private final List<EndpointSpec> updateCalls = new ArrayList<>();
    private final List<String> deleteCalls = new ArrayList<>();
    private final List<String> deletedConfigs = new ArrayList<>();
    private RuntimeException updateFailure;
    private int endpointsCreated;
    private RuntimeException createFailure;

    /** Makes every following {@code createEndpoint} throw {@code failure} (null: succeed again). */
    public synchronized FakeModelHost refuseCreates(RuntimeException failure) {
        this.createFailure = failure;
        return this;
    }

    /** The states {@code describeEndpoint(endpointName)} answers once the endpoint exists. */
    public synchronized FakeModelHost script(String endpointName, EndpointState... states) {
        scripts.put(endpointName, new ArrayDeque<>(List.of(states)));
        return this;
    }

    @Override
    public synchronized void createEndpoint(EndpointSpec spec) {
        createCalls.add(spec);
        if (createFailure != null) {
            throw createFailure;
        }
        if (endpoints.putIfAbsent(spec.endpointName(), spec) == null) {
            endpointsCreated++;
        }
    }

    /** Makes every following {@code updateEndpoint} throw {@code failure} (null: succeed again). */
    public synchronized FakeModelHost refuseUpdates(RuntimeException failure) {
        this.updateFailure = failure;
        return this;
    }

    @Override
    public synchronized void updateEndpoint(EndpointSpec spec) {
        updateCalls.add(spec);
        if (updateFailure != null) {
            throw updateFailure;
        }
        endpoints.put(spec.endpointName(), spec);
    }

    @Override
    public synchronized EndpointState describeEndpoint(String endpointName) {
        EndpointSpec spec = endpoints.get(endpointName);
        if (spec == null) {
            return EndpointState.notFound();
        }
        Deque<EndpointState> script = scripts.get(endpointName);
        if (script == null || script.isEmpty()) {
            return new EndpointState(EndpointState.Status.IN_SERVICE, null, spec.initialInstanceCount());
        }
        return script.size() > 1 ? script.removeFirst() : script.peekFirst();
    }

    @Override
    public synchronized void deleteEndpoint(String endpointName, String endpointConfigName, String modelName) {
        deleteCalls.add(endpointName);
        deletedConfigs.add(endpointConfigName);
        endpoints.remove(endpointName);
    }

    @Override
    public synchronized void deleteModelAndConfig(String endpointConfigName, String modelName) {
        deletedConfigs.add(endpointConfigName);
    }

    /** @return every endpoint config name deleted (with its endpoint or alone), oldest first */
    public synchronized List<String> deletedConfigs() {
        return List.copyOf(deletedConfigs);
    }

    /** Makes an existing endpoint disappear, as if deleted outside the service. */
    public synchronized void forget(String endpointName) {
        endpoints.remove(endpointName);
    }

    /** @return how many endpoints were really created (a repeated create of the same name counts once) */
    public synchronized int endpointsCreated() {
        return endpointsCreated;
    }

    public synchronized List<EndpointSpec> createCalls() {
        return List.copyOf(createCalls);
    }

    public synchronized List<EndpointSpec> updateCalls() {
        return List.copyOf(updateCalls);
    }

    public synchronized List<String> deleteCalls() {
        return List.copyOf(deleteCalls);
    }

    public synchronized boolean exists(String endpointName) {
        return endpoints.containsKey(endpointName);
    }
}
