package com.securemodel.core;

import java.security.SecureRandom;

/** Makes ids such as {@code dep_k3j9x0q2mz}: a prefix, an underscore and 10 random lowercase letters/digits. */
public interface IdGenerator {

    String next(String prefix);

    /** Secure random ids. */
    static IdGenerator random() {
        SecureRandom random = new SecureRandom();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return prefix -> {
            StringBuilder id = new StringBuilder(prefix).append('_');
            for (int i = 0; i < 10; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return id.toString();
        };
    }
}
