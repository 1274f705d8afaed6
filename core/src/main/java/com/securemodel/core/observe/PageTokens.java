package com.securemodel.core.observe;

import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque {@code next_token}s bound to the client and the query: {@code base64url(position) "." base64url(HMAC-SHA256(
 * secret, client, query, position))}. A token from another client or another query, or an edited one, fails the
 * check and is refused with a {@code validation_error}. The secret is configured (every instance of the service
 * must share it, or a token from one instance is refused by another), or random per process when none is.
 */
public final class PageTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;

    /** @param secret at least 16 bytes */
    public PageTokens(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("The page token secret must have at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /** Tokens that only this process accepts. */
    public static PageTokens perProcess() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new PageTokens(secret);
    }

    /**
     * Where a page of a time-ranged query starts: the range and the position after which it continues. A query
     * without {@code start_time} or {@code end_time} ranges up to the moment of its first page; the page tokens
     * carry that range, so that the next pages keep it (a token is bound to the parameters as the caller gave them).
     *
     * @param after the position of the previous page's last item; null on the first page
     */
    public record Cursor(Instant from, Instant to, String after) {

        /** @return the token of the page after {@code last}, bound to {@code clientId} and {@code query} */
        public String next(PageTokens tokens, ClientId clientId, String query, String last) {
            return tokens.issue(clientId, query, from + "\n" + to + "\n" + last);
        }
    }

    /**
     * @param query every parameter that shapes the results as the caller gave them (absent bounds included as such)
     * @param start the given start, or null for {@code defaultRange} before the end
     * @param end the given end, or null for now (inclusive)
     * @throws ServiceException validation_error for a token not issued for this client and query
     */
    public Cursor cursor(ClientId clientId, String query, String token, Instant start, Instant end, Instant now,
                         Duration defaultRange) {
        if (token != null) {
            String[] parts = open(clientId, query, token).split("\n", 3);
            try {
                if (parts.length == 3) {
                    return new Cursor(Instant.parse(parts[0]), Instant.parse(parts[1]), parts[2]);
                }
            } catch (DateTimeParseException e) {
                // refused below
            }
            throw invalid();
        }
        Instant to = end == null ? now.plusMillis(1) : end; // absent: up to and including now
        return new Cursor(start == null ? to.minus(defaultRange) : start, to, null);
    }

    /**
     * @param query every parameter that shapes the results (not the page size), in a fixed order
     * @return the token for continuing after {@code position}
     */
    public String issue(ClientId clientId, String query, String position) {
        byte[] raw = position.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(raw) + "." + ENCODER.encodeToString(mac(clientId, query, raw));
    }

    /**
     * @return the position a token holds
     * @throws ServiceException validation_error when it was not issued for this client and query
     */
    public String open(ClientId clientId, String query, String token) {
        int dot = token.indexOf('.');
        try {
            if (dot > 0 && token.length() <= 2048) {
                byte[] raw = DECODER.decode(token.substring(0, dot));
                byte[] mac = DECODER.decode(token.substring(dot + 1));
                if (MessageDigest.isEqual(mac, mac(clientId, query, raw))) {
                    return new String(raw, StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64: refused below
        }
        throw invalid();
    }

    private static ServiceException invalid() {
        return ServiceException.validation("next_token is not valid for this query: pass the next_token of the "
                + "previous page with the same parameters, or leave it out to start from the first page");
    }

    private byte[] mac(ClientId clientId, String query, byte[] position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(clientId.value().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(query.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(position);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
