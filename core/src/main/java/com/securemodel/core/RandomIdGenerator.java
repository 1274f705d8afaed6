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

    @Override
    public String next(String prefix) {
        SecureRandom source = random;
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET.charAt(source.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** Drops the current random source for a new one (freshly seeded by default). */
    public void renew() {
        random = sources.get();
    }
}
