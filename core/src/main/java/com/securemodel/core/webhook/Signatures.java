package com.securemodel.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-PaiTIENT-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code "<t>.<body>"} with the webhook's secret. A receiver recomputes it, compares in constant time and refuses
 * a {@code t} older than a few minutes (replays).
 */
public final class Signatures {

    public static final String HEADER = "X-PaiTIENT-Signature";

    private Signatures() {
    }

    /** @return the header value for {@code body} sent at {@code unixSeconds} */
    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
    }

    /** @return whether {@code header} is a valid signature of {@code body} with {@code secret} */
    public static boolean verify(String secret, String header, byte[] body) {
        long t = -1;
        String v1 = null;
        for (String part : header == null ? new String[0] : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t < 0 || v1 == null) {
            return false;
        }
        return MessageDigest.isEqual(HexFormat.of().formatHex(hmac(secret, t, body))
                .getBytes(StandardCharsets.US_ASCII), v1.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
