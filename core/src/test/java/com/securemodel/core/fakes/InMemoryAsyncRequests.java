package com.securemodel.core.fakes;

import com.securemodel.core.async.AsyncQueue;
import com.securemodel.core.async.AsyncRequest;
import com.securemodel.core.async.AsyncRequestStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AsyncRequestStore} and an {@link AsyncQueue} in memory: the queue records what was sent. */
public final class InMemoryAsyncRequests implements AsyncRequestStore, AsyncQueue {

    /** One message. */
    public record Sent(ClientId clientId, String requestId) {
    }

    private final Map<String, AsyncRequest> rows = new ConcurrentHashMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private RuntimeException queueFailure;

    @Override
    public void create(AsyncRequest request) {
        if (rows.putIfAbsent(key(request.clientId(), request.id()), request) != null) {
            throw new ConcurrentUpdateException("exists", null);
        }
    }

    @Override
    public Optional<AsyncRequest> find(ClientId clientId, String id) {
        return Optional.ofNullable(rows.get(key(clientId, id)));
    }

    @Override
    public synchronized AsyncRequest update(AsyncRequest request) {
        AsyncRequest stored = rows.get(key(request.clientId(), request.id()));
        if (stored == null || stored.version() != request.version()) {
            throw new ConcurrentUpdateException("stale", null);
        }
        AsyncRequest next = request.withVersion(request.version() + 1);
        rows.put(key(request.clientId(), request.id()), next);
        return next;
    }

    @Override
    public synchronized void send(ClientId clientId, String requestId) {
        if (queueFailure != null) {
            throw queueFailure;
        }
        sent.add(new Sent(clientId, requestId));
    }

    /** Every later send throws {@code failure} (null: none). */
    public synchronized void failSends(RuntimeException failure) {
        this.queueFailure = failure;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    private static String key(ClientId clientId, String id) {
        return clientId.value() + "\n" + id;
    }
}
