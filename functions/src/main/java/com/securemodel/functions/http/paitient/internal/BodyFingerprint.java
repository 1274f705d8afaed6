package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a JSON body in a canonical form (object members sorted by name, no whitespace), so that the same
 * request sent again with other spacing or member order has the same fingerprint. Read after the body was parsed
 * once already, so it is valid JSON.
 */
final class BodyFingerprint {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private BodyFingerprint() {
    }

    static String of(byte[] body) {
        try {
            Object value = PLAIN.readValue(body, Object.class);
            byte[] canonical = PLAIN.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(value);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
