package com.securemodel.functions.tokens.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Loaded tokenizers per model, least recently used first out (bounded), and misses (no tokenizer) remembered for a
 * short time. One load per model at a time; an evicted tokenizer that holds native memory is closed.
 */
public final class TokenizerCache {

    private record Entry(Optional<ModelTokenizer> tokenizer, Instant expires) { }

    private final int capacity;
    private final Duration missTtl;
    private final Clock clock;
    private final Map<String, Entry> entries;
    private final Map<String, Object> loadLocks = new ConcurrentHashMap<>();

    public TokenizerCache(int capacity, Duration missTtl, Clock clock) {
        this.capacity = capacity;
        this.missTtl = missTtl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** @return the model's tokenizer, loading it when not cached; empty when the model has none */
    public Optional<ModelTokenizer> get(String modelId, Function<String, Optional<ModelTokenizer>> loader) {
        Entry entry = fresh(modelId);
        if (entry != null) {
            return entry.tokenizer();
        }
        synchronized (loadLocks.computeIfAbsent(modelId, k -> new Object())) {
            entry = fresh(modelId);
            if (entry != null) {
                return entry.tokenizer();
            }
            Optional<ModelTokenizer> loaded = loader.apply(modelId);
            put(modelId, new Entry(loaded, loaded.isPresent() ? Instant.MAX : clock.instant().plus(missTtl)));
            return loaded;
        }
    }

    private synchronized Entry fresh(String modelId) {
        Entry entry = entries.get(modelId);
        return entry != null && clock.instant().isBefore(entry.expires()) ? entry : null;
    }

    private void put(String modelId, Entry entry) {
        ModelTokenizer evicted = null;
        synchronized (this) {
            Entry replaced = entries.put(modelId, entry);
            if (replaced != null) {
                evicted = replaced.tokenizer().orElse(null);
            } else if (entries.size() > capacity) {
                var eldest = entries.entrySet().iterator();
                evicted = eldest.next().getValue().tokenizer().orElse(null);
                eldest.remove();
            }
        }
        if (evicted instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing to do: the native memory is lost at worst
            }
        }
    }
}
