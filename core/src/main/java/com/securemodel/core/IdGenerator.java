package com.securemodel.core;

/** Makes ids such as {@code dep_k3j9x0q2mz}: a prefix, an underscore and 10 random lowercase letters/digits. */
public interface IdGenerator {

    String next(String prefix);

    /** Secure random ids. */
    static RandomIdGenerator random() {
        return new RandomIdGenerator();
    }
}
