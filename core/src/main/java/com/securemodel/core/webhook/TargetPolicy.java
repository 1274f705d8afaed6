package com.securemodel.core.webhook;

import com.securemodel.core.error.ServiceException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard of webhook URLs. On AWS only {@code https} URLs whose every resolved address is public unicast
 * ({@link ForbiddenAddresses}); in local mode {@code http} too, and loopback addresses. It is applied twice: when a
 * webhook is created (a clear {@code validation_error}), and by the sender on every connection, which resolves the
 * name once, checks the addresses and connects to a checked one (TLS still names the host), so a DNS answer that
 * changes after the create (DNS rebinding) reaches nothing it may not.
 */
public final class TargetPolicy {

    /** Resolves a host name (the JDK's {@code InetAddress::getAllByName} outside tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL or address the policy refuses; the message says why and what to send instead. */
    public static final class RefusedTargetException extends RuntimeException {
        public RefusedTargetException(String message) {
            super(message);
        }
    }

    private final boolean local;
    private final Resolver resolver;

    private TargetPolicy(boolean local, Resolver resolver) {
        this.local = local;
        this.resolver = resolver;
    }

    /** AWS: public {@code https} URLs only. */
    public static TargetPolicy publicHttpsOnly(Resolver resolver) {
        return new TargetPolicy(false, resolver);
    }

    /** Local mode: also {@code http}, and loopback addresses (a receiver on this machine). */
    public static TargetPolicy allowingLoopback(Resolver resolver) {
        return new TargetPolicy(true, resolver);
    }

    public boolean allowsLoopback() {
        return local;
    }

    /**
     * Checks a URL a client gives at create.
     *
     * @throws ServiceException validation_error naming what is wrong
     */
    public URI checkUrl(String url) {
        try {
            URI uri = parse(url);
            addresses(uri.getHost());
            return uri;
        } catch (RefusedTargetException e) {
            throw ServiceException.validation(e.getMessage());
        }
    }

    /** @throws RefusedTargetException when the URL is not one a webhook may have */
    public URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new RefusedTargetException("url is required: the https URL that receives the events");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RefusedTargetException("url is not a valid URL; give an absolute https URL such as "
                    + "https://hooks.example.com/paitient");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(local && scheme.equals("http"))) {
            throw new RefusedTargetException("url must use https" + (local ? " or http" : "")
                    + "; give an absolute URL such as https://hooks.example.com/paitient");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new RefusedTargetException("url must name a host and no user or password, for example "
                    + "https://hooks.example.com/paitient");
        }
        if (url.length() > 2048) {
            throw new RefusedTargetException("url is longer than 2048 characters");
        }
        return uri;
    }

    /**
     * Resolves {@code host} and checks every address it has.
     *
     * @return the addresses, all allowed
     * @throws RefusedTargetException when the name does not resolve or any address is not allowed
     */
    public List<InetAddress> addresses(String host) {
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new RefusedTargetException("url's host " + host + " does not resolve; give a host name with a "
                    + "public DNS record");
        }
        if (resolved == null || resolved.length == 0) {
            throw new RefusedTargetException("url's host " + host + " does not resolve");
        }
        for (InetAddress address : resolved) {
            String reason = ForbiddenAddresses.reason(address);
            if (reason != null && !(local && ForbiddenAddresses.isLoopback(address))) {
                throw new RefusedTargetException("url's host " + host + " resolves to " + address.getHostAddress()
                        + ", " + reason + "; webhooks go to public https URLs only");
            }
        }
        return List.of(resolved);
    }
}
