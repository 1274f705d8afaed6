package com.securemodel.sdk.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy stream over a paged list: the first page is fetched when the stream is first read, the next one when the
 * items of the page before are used up. {@code next} reads the cursor for the next page out of a page (null: last).
 */
public final class Pages<T> implements Spliterator<T> {

    private final Function<Object, JsonNode> fetch;
    private final Function<JsonNode, Object> next;
    private final String field;
    private final JavaType listType;
    private final Deque<T> buffer = new ArrayDeque<>();
    private Object cursor;
    private boolean started;

    private Pages(Function<Object, JsonNode> fetch, Function<JsonNode, Object> next, String field, Class<T> type) {
        this.fetch = fetch;
        this.next = next;
        this.field = field;
        this.listType = Transport.JSON.getTypeFactory().constructCollectionType(List.class, type);
    }

    /** Pages answered with {@code pagination.next_offset} (deployments, endpoints, canary endpoints). */
    public static <T> Stream<T> byOffset(Function<Integer, JsonNode> fetch, String field, Class<T> type) {
        return stream(new Pages<>(offset -> fetch.apply((Integer) offset),
                page -> page.path("pagination").path("next_offset").isIntegralNumber()
                        ? page.path("pagination").path("next_offset").asInt() : null, field, type));
    }

    /** Pages answered with {@code pagination.next_token} (logs). */
    public static <T> Stream<T> byToken(Function<String, JsonNode> fetch, String field, Class<T> type) {
        return stream(new Pages<>(token -> fetch.apply((String) token),
                page -> page.path("pagination").path("next_token").isTextual()
                        ? page.path("pagination").path("next_token").asText() : null, field, type));
    }

    private static <T> Stream<T> stream(Pages<T> pages) {
        return StreamSupport.stream(pages, false);
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        while (buffer.isEmpty()) {
            if (started && cursor == null) {
                return false;
            }
            JsonNode page = fetch.apply(cursor);
            started = true;
            List<T> items = Transport.read(page.path(field), listType);
            buffer.addAll(items);
            cursor = next.apply(page);
            if (items.isEmpty()) {
                cursor = null;
            }
        }
        action.accept(buffer.poll());
        return true;
    }

    @Override
    public Spliterator<T> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return Long.MAX_VALUE;
    }

    @Override
    public int characteristics() {
        return Spliterator.ORDERED | Spliterator.NONNULL;
    }
}
