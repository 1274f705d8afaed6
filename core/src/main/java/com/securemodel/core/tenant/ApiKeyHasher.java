package com.securemodel.core.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How API keys are stored: {@code sha256:} followed by the lowercase hex SHA-256 of the key. API keys are long
 * random strings, so a fast unsalted hash is enough (there is nothing to brute-force from a dictionary).
 */
public final class ApiKeyHasher {

    /** The prefix of every stored hash, so another scheme can be introduced later beside this one. */
    public static final String PREFIX = "sha256:";

    private ApiKeyHasher() {
    }

    /** @return the stored form of {@code apiKey} */
    public static String hash(String apiKey) {
        return PREFIX + HexFormat.of().formatHex(digest(apiKey));
    }

    /** @return whether {@code apiKey} hashes to {@code storedHash}, compared in constant time */
    public static boolean matches(String apiKey, String storedHash) {
        byte[] expected = storedHash == null ? new byte[0] : storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(apiKey).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expected);
    }

    private static byte[] digest(String apiKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
