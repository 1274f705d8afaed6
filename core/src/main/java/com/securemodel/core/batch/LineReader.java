package com.securemodel.core.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads UTF-8 lines from a stream and counts the bytes consumed, so a checkpoint can resume at a byte offset. */
final class LineReader implements AutoCloseable {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long offset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    LineReader(InputStream in, long startOffset) {
        this.in = in;
        this.offset = startOffset;
    }

    /** @return the next line without its {@code \n} (and {@code \r}), or null at the end */
    String next() {
        line.reset();
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                return any ? decode() : null;
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            offset += position - start;
            if (position < limit) {
                position++;
                offset++;
                return decode();
            }
        }
    }

    /** @return the byte offset just after the last line returned */
    long offset() {
        return offset;
    }

    private boolean fill() {
        try {
            int read = in.read(buffer);
            if (read <= 0) {
                return false;
            }
            position = 0;
            limit = read;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String decode() {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
