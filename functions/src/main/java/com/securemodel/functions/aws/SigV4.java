package com.securemodel.functions.aws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signature Version 4 of one request whose headers are all signed, as the SDK's {@code AwsV4HttpSigner} signs it
 * ({@code SigV4Test} holds the two to the same signatures), with the day's signing key kept between calls: the SDK
 * derives it again for every request (four HMACs), and looks up a new {@link Mac} and {@link MessageDigest} each time.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create a signed AWS API
 *      request</a>
 */
final class SigV4 {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No HmacSHA256", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No SHA-256", e);
        }
    });

    /** The signing key of one secret, day, region and service. */
    private record Key(String secret, String date, byte[] key) {
    }

    private final String region;
    private final String service;
    private volatile Key key;

    SigV4(String region, String service) {
        this.region = region;
        this.service = service;
    }

    /**
     * @param canonicalUri the path, each segment URI-encoded twice (non-S3 services)
     * @param headers every header to send and sign but {@code x-amz-content-sha256}, {@code x-amz-date} and
     *                {@code x-amz-security-token}, which this adds (as the SDK's signer does); names in lower case
     * @return the headers to send: {@code headers} with the payload's hash, the date, the session token when there
     *         is one, and {@code authorization}
     */
    Map<String, String> sign(String method, String canonicalUri, Map<String, String> headers, byte[] body,
                             String accessKeyId, String secretKey, String sessionToken, Instant now) {
        String dateTime = DATE_TIME.format(now);
        String date = dateTime.substring(0, 8);
        TreeMap<String, String> signed = new TreeMap<>(headers);
        String payloadHash = HEX.formatHex(sha256(body));
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", dateTime);
        if (sessionToken != null) {
            signed.put("x-amz-security-token", sessionToken);
        }
        StringBuilder canonical = new StringBuilder(256).append(method).append('\n').append(canonicalUri)
                .append("\n\n");
        signed.forEach((name, value) -> canonical.append(name).append(':').append(trimAll(value)).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = ALGORITHM + "\n" + dateTime + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        String signature = HEX.formatHex(hmac(signingKey(secretKey, date), toSign));
        signed.put("authorization", ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + signature);
        return signed;
    }

    /** A header value as SigV4 canonicalizes it: trimmed, inner runs of spaces made one. */
    private static String trimAll(String value) {
        String trimmed = value.strip();
        return trimmed.contains("  ") ? trimmed.replaceAll(" {2,}", " ") : trimmed;
    }

    private byte[] signingKey(String secretKey, String date) {
        Key current = key;
        if (current != null && current.date().equals(date) && current.secret().equals(secretKey)) {
            return current.key();
        }
        byte[] derived = hmac(hmac(hmac(hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date), region),
                service), "aws4_request");
        key = new Key(secretKey, date, derived);
        return derived;
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot use an HMAC key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    /**
     * @return a path segment URI-encoded as SigV4 wants it (RFC 3986 unreserved characters kept), once: the SDK's own
     *         encoder, which its signer uses
     */
    static String encode(String segment) {
        return SdkHttpUtils.urlEncode(segment);
    }
}
