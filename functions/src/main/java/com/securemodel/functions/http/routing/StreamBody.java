package com.securemodel.functions.http.routing;

/**
 * A response body written as it is produced (token by token). Nothing is sent before the first chunk, so a stream
 * that fails before it has written anything still becomes an ordinary error response with its status; after that,
 * the stream itself must end with an error chunk in its dialect's shape.
 */
public interface StreamBody {

    /** @return the Content-Type, for example {@code text/event-stream} */
    String contentType();

    /** Writes the chunks; returns when the body is complete. */
    void writeTo(ChunkSink sink);

    /** Where a stream writes: each chunk leaves at once (locally), or joins one body (API Gateway). */
    interface ChunkSink {

        /**
         * Writes a chunk and sends it at once.
         *
         * @throws ClientGoneException when the client has gone away: the producer should stop
         */
        void write(String chunk);

        /**
         * Writes a chunk to be sent with the next {@link #flush()}: for producers that know when no more is waiting
         * (a {@link com.securemodel.core.hosting.TextSink}), so chunks that arrive together leave together.
         */
        default void buffer(String chunk) {
            write(chunk);
        }

        /** Sends what {@link #buffer} wrote. */
        default void flush() {
        }

        /** @return whether a chunk has been written (the status and headers are then sent) */
        boolean started();
    }

    /** The client closed the connection while a stream was being written. */
    final class ClientGoneException extends RuntimeException {
        public ClientGoneException(Throwable cause) {
            super("the client closed the connection", cause, false, false);
        }
    }
}
