package com.securemodel.functions.aws.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Many small time-ordered records of one partition (audit records, request log lines) stored as few items, and read
 * back one record at a time, in exact time order, either way, page by page.
 *
 * <p>Every record has a <em>position</em>, {@code <prefix><epoch millis, 13 digits>#<unique id>}: positions order
 * records by time, then id. A <em>pack</em> is one item that holds records whose times lie less than
 * {@link #WINDOW_MILLIS} after its first record's; its sort key is its first record's position (so a pack of one is
 * keyed like a record of its own, and items written one record each read the same way). Packs of several writers
 * overlap in time; reading merges them: in ascending order, once a pack whose first record is at {@code F} has been
 * read, no unread pack holds a record before {@code F}; descending, none holds one at or after
 * {@code F + WINDOW_MILLIS}. A record written twice (a retried write that had landed) is returned once.
 *
 * <p>Why: one item per record made every served call two DynamoDB writes (its audit record and its request log line);
 * packed, a busy client's calls of one second share one item, and a quiet client's call is still one item.
 */
public final class TimePacks {

    /** A pack holds records of less than this span after its first. */
    public static final long WINDOW_MILLIS = 1_000;
    /** The most records in one pack. */
    public static final int MAX_RECORDS = 100;
    /** The most characters of encoded records in one pack: far under DynamoDB's 400 KB an item. */
    public static final int MAX_CHARS = 100_000;
    /** The most items one {@code BatchWriteItem} takes. */
    private static final int BATCH = 25;

    private TimePacks() {
    }

    /** A record at its position. */
    public record Entry<T>(String position, long millis, T value) {
    }

    /** @return the position of a record: {@code prefix}, the time as 13 digits, {@code #} and its id */
    public static String position(String prefix, long millis, String id) {
        return prefix + millis13(millis) + "#" + id;
    }

    /** @return epoch millis as the 13 digits that sort in time order */
    public static String millis13(long millis) {
        String digits = Long.toString(millis);
        return digits.length() >= 13 ? digits : "0".repeat(13 - digits.length()) + digits;
    }

    /**
     * Splits one partition's records into packs: in position order, a new pack starting at the first record that
     * is {@link #WINDOW_MILLIS} or more after the pack's first, or that would pass {@link #MAX_RECORDS} or
     * {@link #MAX_CHARS}. A record given twice (same position) is packed once.
     *
     * @param chars the encoded size of a record, about
     */
    public static <T> List<List<Entry<T>>> pack(List<Entry<T>> entries, ToIntFunction<T> chars) {
        List<Entry<T>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::position));
        List<List<Entry<T>>> packs = new ArrayList<>();
        List<Entry<T>> current = null;
        long first = 0;
        int size = 0;
        String previous = null;
        for (Entry<T> entry : sorted) {
            if (entry.position().equals(previous)) {
                continue; // the same record twice: stored once
            }
            previous = entry.position();
            int length = chars.applyAsInt(entry.value());
            if (current == null || entry.millis() - first >= WINDOW_MILLIS || current.size() == MAX_RECORDS
                    || size + length > MAX_CHARS) {
                current = new ArrayList<>();
                packs.add(current);
                first = entry.millis();
                size = 0;
            }
            current.add(entry);
            size += length;
        }
        return packs;
    }

    /**
     * Writes packs with {@code BatchWriteItem}, {@value #BATCH} items a call.
     *
     * @param item the item of a pack
     * @param failure told of a call that failed, with the packs it held
     * @return the packs not written: their items left unprocessed, or in a call that failed
     */
    public static <P> List<P> write(DynamoDbClient dynamoDb, String table, List<P> packs,
                                    Function<P, Map<String, AttributeValue>> item,
                                    BiConsumer<List<P>, SdkException> failure) {
        List<P> unwritten = new ArrayList<>();
        for (int i = 0; i < packs.size(); i += BATCH) {
            List<P> chunk = packs.subList(i, Math.min(packs.size(), i + BATCH));
            Map<String, P> byKey = new HashMap<>();
            List<WriteRequest> writes = new ArrayList<>();
            for (P pack : chunk) {
                Map<String, AttributeValue> written = item.apply(pack);
                byKey.put(key(written), pack);
                writes.add(WriteRequest.builder().putRequest(r -> r.item(written)).build());
            }
            try {
                for (WriteRequest left : dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, writes)))
                        .unprocessedItems().getOrDefault(table, List.of())) {
                    unwritten.add(byKey.get(key(left.putRequest().item())));
                }
            } catch (SdkException e) {
                failure.accept(chunk, e);
                unwritten.addAll(chunk);
            }
        }
        return unwritten;
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.get("pk").s() + " " + item.get("sk").s();
    }

    /**
     * One page of records with {@code fromMillis <= time < toMillis}, in the asked order, after the position
     * {@code after} (exclusive; null: from the start).
     */
    public record Query(String table, String pk, String prefix, long fromMillis, long toMillis, boolean ascending,
                        int limit, String after) {
    }

    /** @param last the position of the last record returned, to continue after; null when there is nothing more */
    public record Page<T>(List<T> values, String last) {
    }

    /**
     * Reads one page: {@code Query pk = :pk AND sk BETWEEN} the packs that may hold records of the range (from
     * {@link #WINDOW_MILLIS} before it), item page after item page, until {@code limit + 1} records are known to
     * come next or the range ends.
     *
     * @param unpack the records of an item, each at its position
     * @param filter which records the page holds (the range and position are checked here)
     * @throws IllegalArgumentException when {@code after} is outside the query's range
     */
    public static <T> Page<T> read(DynamoDbClient dynamoDb, Query query,
                                   Function<Map<String, AttributeValue>, List<Entry<T>>> unpack,
                                   Predicate<T> filter) {
        String prefix = query.prefix();
        String low = prefix + millis13(query.fromMillis());
        String high = prefix + millis13(query.toMillis() - 1) + "#~";
        String after = query.after();
        if (after != null && (after.compareTo(low) < 0 || after.compareTo(high) > 0)) {
            throw new IllegalArgumentException("a position outside the query's range");
        }
        if (after != null && !after.matches("\\Q" + prefix + "\\E\\d{13}#.*")) {
            throw new IllegalArgumentException("not a position");
        }
        boolean ascending = query.ascending();
        String keyLow;
        String keyHigh;
        if (ascending) {
            long from = after == null ? query.fromMillis() : Math.max(query.fromMillis(), millisOf(prefix, after));
            keyLow = prefix + millis13(Math.max(0, from - WINDOW_MILLIS + 1));
            keyHigh = high;
        } else {
            long to = after == null ? query.toMillis() - 1 : Math.min(query.toMillis() - 1, millisOf(prefix, after));
            keyLow = prefix + millis13(Math.max(0, query.fromMillis() - WINDOW_MILLIS + 1));
            keyHigh = prefix + millis13(to) + "#~";
        }
        Comparator<Entry<T>> order = Comparator.comparing(Entry::position);
        PriorityQueue<Entry<T>> waiting = new PriorityQueue<>(ascending ? order : order.reversed());
        List<Entry<T>> out = new ArrayList<>();
        int wanted = query.limit() + 1;
        Map<String, AttributeValue> values = Map.of(":pk", AttributeValue.fromS(query.pk()),
                ":from", AttributeValue.fromS(keyLow), ":to", AttributeValue.fromS(keyHigh));
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse response = dynamoDb.query(b -> b.tableName(query.table())
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(values).scanIndexForward(ascending)
                    .limit(Math.min(wanted, 1000)).exclusiveStartKey(exclusiveStart));
            for (Map<String, AttributeValue> item : response.items()) {
                long first = millisOf(prefix, item.get("sk").s());
                // what no unread pack can come before: released in order
                String bound = prefix + millis13(ascending ? first : first + WINDOW_MILLIS);
                if (release(waiting, out, bound, ascending, wanted)) {
                    return page(out, query.limit());
                }
                for (Entry<T> entry : unpack.apply(item)) {
                    if (entry.millis() >= query.fromMillis() && entry.millis() < query.toMillis()
                            && (after == null || (ascending ? entry.position().compareTo(after) > 0
                                    : entry.position().compareTo(after) < 0))
                            && filter.test(entry.value())) {
                        waiting.add(entry);
                    }
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        release(waiting, out, null, ascending, wanted);
        return page(out, query.limit());
    }

    /**
     * Moves the waiting records that come before {@code bound} (null: all) to {@code out}, in order, a repeated
     * position once.
     *
     * @return whether {@code out} holds {@code wanted} records
     */
    private static <T> boolean release(PriorityQueue<Entry<T>> waiting, List<Entry<T>> out, String bound,
                                       boolean ascending, int wanted) {
        while (!waiting.isEmpty() && out.size() < wanted) {
            Entry<T> next = waiting.peek();
            if (bound != null && (ascending ? next.position().compareTo(bound) >= 0
                    : next.position().compareTo(bound) < 0)) {
                break;
            }
            waiting.poll();
            if (out.isEmpty() || !out.getLast().position().equals(next.position())) {
                out.add(next);
            }
        }
        return out.size() >= wanted;
    }

    private static <T> Page<T> page(List<Entry<T>> out, int limit) {
        List<T> values = out.stream().limit(limit).map(Entry::value).toList();
        return new Page<>(values, out.size() > limit ? out.get(limit - 1).position() : null);
    }

    /** @return the time of a position or sort key under {@code prefix} */
    public static long millisOf(String prefix, String position) {
        return Long.parseLong(position, prefix.length(), prefix.length() + 13, 10);
    }
}
