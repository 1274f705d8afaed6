package com.securemodel.functions.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request's or an answer's body whole, sized by its declared length where it has one. */
public final class Bodies {

    private Bodies() {
    }

    /**
     * Reads up to {@code limit} bytes. A body whose declared length is under the limit is read into an array of that
     * size first ({@code readNBytes(limit)} and {@code readAllBytes} start every body, however small, with a 16 KB
     * buffer), then on up to the limit if more follows (a length that does not frame the body, as with a chunked
     * message that also carries one); shorter where the stream ends first.
     *
     * @param length the declared length ({@code Content-Length}), or -1 where there is none
     */
    public static byte[] read(InputStream in, long length, int limit) throws IOException {
        if (length < 0 || length >= limit) {
            return in.readNBytes(limit);
        }
        byte[] declared = in.readNBytes((int) length);
        int next = declared.length < length ? -1 : in.read();
        if (next == -1) {
            return declared;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(declared);
        all.write(next);
        all.write(in.readNBytes(limit - declared.length - 1));
        return all.toByteArray();
    }
}
