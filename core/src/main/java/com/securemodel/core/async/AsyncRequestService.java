package com.securemodel.core.async;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Requests answered later ({@code Prefer: respond-async}): accepted and stored, handed to a worker through a queue,
 * run once, their answer kept for the client that sent them. A request that no worker finishes within
 * {@code staleAfter} (its messages went to the dead-letter queue) reads as failed rather than pending for ever.
 */
public final class AsyncRequestService {

    /** Runs a stored request and answers its status and JSON body. */
    @FunctionalInterface
    public interface Runner {
        Answer run(AsyncRequest request);
    }

    /** A finished request's answer. */
    public record Answer(int status, String json) {
    }

    private final AsyncRequestStore store;
    private final AsyncQueue queue;
    private final Clock clock;
    private final IdGenerator ids;
    private final Duration staleAfter;

    public AsyncRequestService(AsyncRequestStore store, AsyncQueue queue, Clock clock, IdGenerator ids,
                               Duration staleAfter) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.ids = ids;
        this.staleAfter = staleAfter;
    }

    /** Stores the request and queues it; a queue that refuses fails the request (nothing is left pending). */
    public AsyncRequest submit(ClientId clientId, String route, byte[] body) {
        return submit(clientId, null, route, body);
    }

    /**
     * @param keyId the non-secret id of the caller's API key, kept for the audit record of the run; null if unknown
     */
    public AsyncRequest submit(ClientId clientId, String keyId, String route, byte[] body) {
        Instant now = clock.instant();
        AsyncRequest request = new AsyncRequest(clientId, ids.next("qreq"), route, body,
                AsyncRequest.Status.QUEUED, 0, null, now, now, 1, keyId);
        store.create(request);
        try {
            queue.send(clientId, request.id());
        } catch (RuntimeException e) {
            store.update(request.finished(503, null, clock.instant()));
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The request could not be queued; retry shortly",
                    e);
        }
        return request;
    }

    /**
     * @return the client's request (a pending one older than the limit reads as failed)
     * @throws ServiceException resource_not_found for an unknown or foreign id
     */
    public AsyncRequest get(ClientId clientId, String id) {
        AsyncRequest request = (id == null || !id.matches("qreq_[a-z0-9]{1,32}") ? null
                : store.find(clientId, id).orElse(null));
        if (request == null) {
            throw ServiceException.notFound("No queued request " + (id == null ? "" : id.length() > 40
                    ? id.substring(0, 40) + "..." : id) + " for this API key");
        }
        if (!request.status().finished() && request.updatedAt().plus(staleAfter).isBefore(clock.instant())) {
            return request.finished(504, null, request.updatedAt());
        }
        return request;
    }

    /**
     * The worker's step: runs a queued request once. A finished request (a duplicate delivery) is left alone; a
     * runner that throws leaves it for the queue to deliver again.
     */
    public void run(ClientId clientId, String id, Runner runner) {
        AsyncRequest request = store.find(clientId, id).orElse(null);
        if (request == null || request.status().finished()) {
            return;
        }
        AsyncRequest running;
        try {
            running = store.update(request.withStatus(AsyncRequest.Status.IN_PROGRESS, clock.instant()));
        } catch (ConcurrentUpdateException e) {
            return;
        }
        Answer answer = runner.run(running);
        store.update(running.finished(answer.status(), answer.json(), clock.instant()));
    }
}
