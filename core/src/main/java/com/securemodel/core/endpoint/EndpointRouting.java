package com.securemodel.core.endpoint;

import com.securemodel.core.ExpiringCache;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The endpoint lookups of the generation path, remembered briefly per client: a burst of calls by endpoint id or
 * name (found or not: most OpenAI {@code model} values name deployments, not endpoints) reads the store once per
 * {@code ttl}. A change {@link EndpointService} makes in this process forgets the client's lookups at once; another
 * process's change is seen when its memory expires.
 */
public final class EndpointRouting {

    /** What an endpoint name may be: also what an OpenAI {@code model} must look like to be looked up as one. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final EndpointStore store;
    private final TrafficSplitter splitter;
    private final ExpiringCache<String, Optional<Endpoint>> remembered;

    /** @param ttl how long a lookup is remembered (zero: never) */
    public EndpointRouting(EndpointStore store, TrafficSplitter splitter, Clock clock, Duration ttl) {
        this.store = store;
        this.splitter = splitter;
        this.remembered = new ExpiringCache<>(clock, ttl);
    }

    /** @return the client's endpoint or canary endpoint with this id; empty for an unknown, foreign or odd id */
    public Optional<Endpoint> byId(ClientId clientId, String id) {
        if (Endpoint.Kind.ofId(id) == null) {
            return Optional.empty();
        }
        return remember(clientId, "id\n" + id, () -> store.find(clientId, id));
    }

    /** @return every endpoint and canary endpoint of the client, read from the store */
    public List<Endpoint> all(ClientId clientId) {
        return store.list(clientId);
    }

    /** @return the client's endpoint or canary endpoint of this name; empty when none (or it cannot be a name) */
    public Optional<Endpoint> byName(ClientId clientId, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return remember(clientId, "name\n" + name, () -> store.findByName(clientId, name));
    }

    /** @return the deployment that serves this call of the endpoint (see {@link TrafficSplitter}) */
    public String pick(Endpoint endpoint, String stickyKey) {
        return splitter.pick(endpoint, stickyKey);
    }

    /** Forgets every lookup of this client (one of its endpoints changed). */
    public void forget(ClientId clientId) {
        String prefix = clientId.value() + '\n';
        remembered.forgetKeys(key -> key.startsWith(prefix));
    }

    private Optional<Endpoint> remember(ClientId clientId, String key, Supplier<Optional<Endpoint>> lookUp) {
        return remembered.get(clientId.value() + '\n' + key, lookUp);
    }
}
