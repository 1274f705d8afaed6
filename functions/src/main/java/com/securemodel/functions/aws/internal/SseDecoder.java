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

    public void accept(byte[] part) {
        pending.writeBytes(part);
        String text = pending.toString(StandardCharsets.UTF_8);
        int end;
        int consumed = 0;
        while ((end = text.indexOf("\n\n", consumed)) >= 0) {
            emit(text.substring(consumed, end));
            consumed = end + 2;
        }
        if (consumed > 0) {
            byte[] rest = text.substring(consumed).getBytes(StandardCharsets.UTF_8);
            pending.reset();
            pending.writeBytes(rest);
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
