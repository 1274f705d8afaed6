package com.securemodel.core;

import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Ids from a {@link SecureRandom}. {@link #renew()} replaces it with a freshly seeded one: a process restored from a
 * snapshot (Lambda SnapStart) calls it so that two copies of the snapshot never make the same ids.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html">Handling uniqueness with
 *      Lambda SnapStart</a>
 */
public final class RandomIdGenerator implements IdGenerator {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 10;
    /** 36 to the 10th: every id of 10 characters. */
    private static final long ID_SPACE = 3_656_158_440_062_976L;
    /** The largest multiple of {@link #ID_SPACE} that 63 random bits reach: draws at or over it are drawn again. */
    private static final long UNBIASED = Long.MAX_VALUE / ID_SPACE * ID_SPACE;

    private final Supplier<SecureRandom> sources;
    private volatile SecureRandom random;

    /** Ids from {@code new SecureRandom()}. */
    public RandomIdGenerator() {
        this(SecureRandom::new);
    }

    /** @param sources makes the random source, now and at each {@link #renew()} */
    public RandomIdGenerator(Supplier<SecureRandom> sources) {
        this.sources = sources;
        this.random = sources.get();
    }

    /**
     * {@code prefix_} and 10 characters of {@code [a-z0-9]}, uniformly drawn: one {@code nextLong} (rarely two) of
     * the source, not one call per character (the platform's source takes a process-wide lock on every call, which
     * 16 concurrent requests making a few ids each queued on).
     */
    @Override
    public String next(String prefix) {
        SecureRandom source = random;
        long value;
        do {
            value = source.nextLong() >>> 1;
        } while (value >= UNBIASED);
        value %= ID_SPACE;
        char[] id = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            id[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return prefix + '_' + new String(id);
    }

    /** Drops the current random source for a new one (freshly seeded by default). */
    public void renew() {
        random = sources.get();
    }
}
