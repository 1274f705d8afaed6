package com.securemodel.functions.http;

import java.util.Map;

/**
 * Where {@link HttpApiFunction#serve} writes a response: the status and headers once, then the body in one or more
 * chunks. The local web server writes each chunk to the socket at once; on Lambda behind API Gateway the chunks
 * join one body.
 */
public interface ResponseOutput {

    void head(int status, Map<String, String> headers);

    /**
     * Writes a chunk of the body and sends it.
     *
     * @throws java.io.UncheckedIOException when the client has gone away
     */
    void write(String chunk);

    /** Writes a chunk of the body, to be sent with the next {@link #flush()} (or with a later {@link #write}). */
    default void writeBuffered(String chunk) {
        write(chunk);
    }

    /** Sends what {@link #writeBuffered} wrote. */
    default void flush() {
    }
}
