package com.securemodel.core.batch;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Objects in the service bucket. */
public interface BlobStore {

    /** @return the object's bytes from {@code offset} on, as a stream the caller closes; empty if it is absent */
    Optional<InputStream> open(String key, long offset);

    /** @return the object's size, empty if it is absent */
    Optional<Long> size(String key);

    void put(String key, byte[] bytes, String contentType);

    /** Uploads a file (large outputs are assembled on disk, not in memory). */
    void put(String key, Path file, String contentType);

    void copy(String fromKey, String toKey);

    void delete(String key);

    /** Deletes the objects (absent ones are no error); a store may delete many with one request, in any order. */
    default void deleteAll(List<String> keys) {
        keys.forEach(this::delete);
    }
}
