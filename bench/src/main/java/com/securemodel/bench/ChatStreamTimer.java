package com.securemodel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Times one streamed chat completion as its bytes arrive: cuts them into server-sent event lines ({@code data:} with
 * or without the space), reads each {@code chat.completion.chunk}, and notes when the first and the last chunk with
 * content arrived, the text, and the {@code usage} chunk's completion tokens. The same reader serves both sides of a
 * benchmark, so both pay the same client-side parsing.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/chat-streaming">The chat completion chunk object</a>
 */
final class ChatStreamTimer {

    private final long sentNanos;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private long firstContentNanos = -1;
    private long lastContentNanos = -1;
    private int contentChunks;
    private int completionTokens = -1;
    private boolean done;

    /** @param sentNanos {@link System#nanoTime()} when the request was sent */
    ChatStreamTimer(long sentNanos) {
        this.sentNanos = sentNanos;
    }

    /** Bytes of the stream that arrived at {@code arrivedNanos}; lines may be split anywhere between calls. */
    void accept(byte[] bytes, int offset, int length, long arrivedNanos) {
        int lineStart = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, lineStart, i - lineStart);
                line(pending.toString(StandardCharsets.UTF_8), arrivedNanos);
                pending.reset();
                lineStart = i + 1;
            }
        }
        pending.write(bytes, lineStart, offset + length - lineStart);
    }

    /** @return whether {@code data: [DONE]} has arrived */
    boolean done() {
        return done;
    }

    /** @throws IllegalStateException when the stream lacked content, usage or its {@code [DONE]} */
    StreamTiming finish(long endNanos) {
        if (!done || firstContentNanos < 0 || completionTokens < 0) {
            throw new IllegalStateException("incomplete stream: done=" + done + ", content chunks=" + contentChunks
                    + ", usage " + (completionTokens < 0 ? "missing" : "present"));
        }
        return new StreamTiming(text.toString(), completionTokens, contentChunks,
                (firstContentNanos - sentNanos) / 1e6, (lastContentNanos - firstContentNanos) / 1e6,
                (endNanos - sentNanos) / 1e6);
    }

    private void line(String raw, long arrivedNanos) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (!line.startsWith("data:")) {
            return; // the blank line between events, comments
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk = parse(data);
        if (chunk.has("error")) {
            throw new IllegalStateException("the stream ended with an error: " + chunk.get("error"));
        }
        if (chunk.path("usage").path("completion_tokens").canConvertToInt()) {
            completionTokens = chunk.path("usage").path("completion_tokens").asInt();
        }
        JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
        if (content.isTextual() && !content.asText().isEmpty()) {
            if (firstContentNanos < 0) {
                firstContentNanos = arrivedNanos;
            }
            lastContentNanos = arrivedNanos;
            contentChunks++;
            text.append(content.asText());
        }
    }

    private static JsonNode parse(String data) {
        try {
            return SageMakerClients.JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON chunk: " + data, e);
        }
    }

    /**
     * One stream's numbers, in milliseconds from the request's sending.
     *
     * @param ttftMs to the first chunk with content
     * @param decodeMs from the first to the last chunk with content
     * @param totalMs to the end of the call
     */
    record StreamTiming(String text, int completionTokens, int contentChunks, double ttftMs, double decodeMs,
                        double totalMs) {

        /** Completion tokens over the time from the first to the last content chunk. */
        double tokensPerSecond() {
            return completionTokens / (decodeMs / 1000);
        }
    }
}
