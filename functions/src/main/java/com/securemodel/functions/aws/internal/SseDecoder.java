package com.securemodel.functions.aws.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reassembles the JSON events of a container's response stream from payload parts that may split them anywhere,
 * and hands each event's JSON to a consumer. It reads both stream formats of the LLM containers: TGI's server-sent
 * events ({@code data:{json}} lines, blank lines between events, {@code :} keep-alive comments, a final
 * {@code data:[DONE]} on chat streams) and LMI's JSON lines (one JSON object per line, no prefix).
 */
public final class SseDecoder {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Consumer<String> onData;

    public SseDecoder(Consumer<String> onData) {
        this.onData = onData;
    }

    /**
     * Lines are cut on the newline byte and only whole lines are decoded, so a character whose UTF-8 bytes are split
     * across two parts stays whole (no byte of a multi-byte character is a newline).
     */
    public void accept(byte[] part) {
        pending.writeBytes(part);
        byte[] bytes = pending.toByteArray();
        int consumed = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line(new String(bytes, consumed, i - consumed, StandardCharsets.UTF_8));
                consumed = i + 1;
            }
        }
        if (consumed > 0) {
            pending.reset();
            pending.write(bytes, consumed, bytes.length - consumed);
        }
    }

    /** Decodes what is left (a last line without its newline). */
    public void finish() {
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        line(rest);
    }

    private void line(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.isBlank() || line.startsWith(":") || line.startsWith("event:") || line.startsWith("id:")
                || line.startsWith("retry:")) {
            return;
        }
        String data = line.startsWith("data:") ? line.substring(5).strip() : line.strip();
        if (!data.isEmpty() && !"[DONE]".equals(data)) {
            onData.accept(data);
        }
    }
}
