package com.securemodel.core.fakes;

import com.securemodel.core.batch.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link BlobStore} in memory: a sorted map of keys to bytes, ranged reads included. */
public final class InMemoryBlobStore implements BlobStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public Optional<InputStream> open(String key, long offset) {
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            return Optional.empty();
        }
        int from = (int) Math.min(offset, bytes.length);
        return Optional.of(new ByteArrayInputStream(bytes, from, bytes.length - from));
    }

    @Override
    public Optional<Long> size(String key) {
        return Optional.ofNullable(objects.get(key)).map(b -> (long) b.length);
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        objects.put(key, bytes.clone());
    }

    @Override
    public void put(String key, Path file, String contentType) {
        try {
            objects.put(key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void copy(String fromKey, String toKey) {
        objects.put(toKey, objects.get(fromKey).clone());
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    /** Test helper: the object as UTF-8 text, or null. */
    public String text(String key) {
        byte[] bytes = objects.get(key);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Test helper: the keys under a prefix, sorted. */
    public List<String> keys(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }
}
