package com.securemodel.core.fakes;

import com.securemodel.core.endpoint.Endpoint;
import com.securemodel.core.endpoint.EndpointNameTakenException;
import com.securemodel.core.endpoint.EndpointStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link EndpointStore} in memory, with the conditional-write semantics of the real one (names per client). */
public final class InMemoryEndpointStore implements EndpointStore {

    private record Key(ClientId clientId, String value) {
    }

    private final Map<Key, Endpoint> rows = new HashMap<>();
    private final Map<Key, String> names = new HashMap<>();
    private int reads;

    @Override
    public synchronized Endpoint create(Endpoint endpoint) {
        Key name = new Key(endpoint.clientId(), endpoint.name());
        if (names.containsKey(name)) {
            throw new EndpointNameTakenException(endpoint.name(), null);
        }
        if (rows.putIfAbsent(new Key(endpoint.clientId(), endpoint.id()), endpoint) != null) {
            throw new ConcurrentUpdateException("Endpoint " + endpoint.id() + " already exists", null);
        }
        names.put(name, endpoint.id());
        return endpoint;
    }

    @Override
    public synchronized Optional<Endpoint> find(ClientId clientId, String endpointId) {
        reads++;
        return Optional.ofNullable(rows.get(new Key(clientId, endpointId)));
    }

    @Override
    public synchronized Optional<Endpoint> findByName(ClientId clientId, String name) {
        reads++;
        return Optional.ofNullable(names.get(new Key(clientId, name))).map(id -> rows.get(new Key(clientId, id)));
    }

    @Override
    public synchronized List<Endpoint> list(ClientId clientId) {
        return rows.values().stream().filter(e -> e.clientId().equals(clientId)).toList();
    }

    @Override
    public synchronized Endpoint update(Endpoint endpoint) {
        Key key = new Key(endpoint.clientId(), endpoint.id());
        Endpoint stored = rows.get(key);
        if (stored == null || stored.version() != endpoint.version()) {
            throw new ConcurrentUpdateException("Endpoint " + endpoint.id() + " changed meanwhile", null);
        }
        Endpoint next = endpoint.nextVersion();
        rows.put(key, next);
        return next;
    }

    @Override
    public synchronized void delete(Endpoint endpoint) {
        if (rows.remove(new Key(endpoint.clientId(), endpoint.id())) != null) {
            names.remove(new Key(endpoint.clientId(), endpoint.name()));
        }
    }

    /** @return how many lookups reached the store */
    public synchronized int reads() {
        return reads;
    }
}
