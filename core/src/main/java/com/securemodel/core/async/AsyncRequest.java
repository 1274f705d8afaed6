package com.securemodel.core.async;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;

/**
 * A request accepted with {@code Prefer: respond-async} (RFC 7240): kept until a worker has run it, then its answer,
 * readable by the same client only, for at least a day.
 *
 * @param id {@code qreq_...}
 * @param route the route it was sent to, for example {@code POST /queue/chat/completions}
 * @param body the request body; dropped once the answer is stored
 * @param httpStatus the answer's status once finished, 0 before
 * @param answer the answer's JSON body once finished, null before
 * @param version optimistic-locking version
 * @param keyId the non-secret id of the API key that sent it (for the audit record of its run); null when unknown
 */
public record AsyncRequest(ClientId clientId, String id, String route, byte[] body, Status status, int httpStatus,
                           String answer, Instant createdAt, Instant updatedAt, long version, String keyId) {

    /** Where a request stands. */
    public enum Status {
        QUEUED, IN_PROGRESS, COMPLETED, FAILED;

        /** @return the status as the API writes it, for example {@code in_progress} */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean finished() {
            return this == COMPLETED || this == FAILED;
        }
    }

    public AsyncRequest {
        body = body == null ? new byte[0] : body;
    }

    /** A request whose key id is not known. */
    public AsyncRequest(ClientId clientId, String id, String route, byte[] body, Status status, int httpStatus,
                        String answer, Instant createdAt, Instant updatedAt, long version) {
        this(clientId, id, route, body, status, httpStatus, answer, createdAt, updatedAt, version, null);
    }

    /** @return a copy that is finished with this answer, its request body dropped */
    public AsyncRequest finished(int status, String json, Instant now) {
        return new AsyncRequest(clientId, id, route, new byte[0], status < 400 ? Status.COMPLETED : Status.FAILED,
                status, json, createdAt, now, version, keyId);
    }

    /** @return a copy in {@code next} status */
    public AsyncRequest withStatus(Status next, Instant now) {
        return new AsyncRequest(clientId, id, route, body, next, httpStatus, answer, createdAt, now, version, keyId);
    }

    /** @return a copy with this version (what a store wrote) */
    public AsyncRequest withVersion(long next) {
        return new AsyncRequest(clientId, id, route, body, status, httpStatus, answer, createdAt, updatedAt, next,
                keyId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AsyncRequest that && clientId.equals(that.clientId) && id.equals(that.id)
                && version == that.version;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "AsyncRequest[" + id + " " + route + " " + status + "]";
    }
}
