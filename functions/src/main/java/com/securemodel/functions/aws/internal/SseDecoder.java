package com.securemodel.functions.aws.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reassembles server-sent events from payload parts that may split an event anywhere, and hands each event's
 * {@code data:} to a consumer.
 */
public final class SseDecoder {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Consumer<String> onData;

    public SseDecoder(Consumer<String> onData) {
        this.onData = onData;
    }

    /**
     * Events are cut on the bytes of the blank line and only whole events are decoded, so a character whose UTF-8
     * bytes are split across two parts stays whole (no byte of a multi-byte character is a newline).
     */
    public void accept(byte[] part) {
        pending.writeBytes(part);
        byte[] bytes = pending.toByteArray();
        int consumed = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                emit(new String(bytes, consumed, i - consumed, StandardCharsets.UTF_8));
                consumed = i + 2;
                i++;
            }
        }
        if (consumed > 0) {
            pending.reset();
            pending.write(bytes, consumed, bytes.length - consumed);
        }
    }

    /** Emits what is left (a last event without its blank line). */
    public void finish() {
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (!rest.isBlank()) {
            emit(rest);
        }
    }

    private void emit(String event) {
        StringBuilder data = new StringBuilder();
        for (String line : event.split("\n")) {
            if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        if (!data.isEmpty()) {
            onData.accept(data.toString());
        }
    }
}
