package com.securemodel.functions.webhook;

import com.securemodel.core.webhook.TargetPolicy;
import com.securemodel.core.webhook.WebhookSender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Posts webhook events over HTTP/1.1 on a socket it connects itself, so that the SSRF guard holds at connect time:
 * the host is resolved once, every address is checked by the {@link TargetPolicy}, and the socket connects to a
 * checked address; TLS then runs over that socket with the URL's host name for SNI and certificate verification. A
 * DNS answer that changes between the create and a delivery (DNS rebinding) reaches nothing the policy forbids.
 * Redirects are not followed (a 3xx is a failed attempt); only the status line of the answer is read.
 */
public final class GuardedHttpSender implements WebhookSender {

    private static final int MAX_STATUS_LINE = 8 * 1024;

    private final TargetPolicy policy;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SSLSocketFactory tls;

    /**
     * TLS by the JDK's default context, loaded at the first https delivery (not at start: a cold start of a function
     * that never delivers does not pay for it).
     *
     * @param readTimeout how long the receiver may take to answer (each read)
     */
    public GuardedHttpSender(TargetPolicy policy, Duration connectTimeout, Duration readTimeout) {
        this(policy, connectTimeout, readTimeout, null);
    }

    /** @param tls the TLS socket factory; null for the JDK's default */
    public GuardedHttpSender(TargetPolicy policy, Duration connectTimeout, Duration readTimeout, SSLSocketFactory tls) {
        this.policy = policy;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
    }

    @Override
    public int post(String url, Map<String, String> headers, byte[] body) {
        URI uri;
        List<InetAddress> addresses;
        try {
            uri = policy.parse(url);
            addresses = policy.addresses(uri.getHost());
        } catch (TargetPolicy.RefusedTargetException e) {
            throw new DeliveryFailedException("refused: " + e.getMessage());
        }
        boolean https = uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String host = bare(uri.getHost());
        String failure = "no address";
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            } catch (IOException e) {
                close(socket);
                failure = "could not connect (" + e.getClass().getSimpleName() + ")";
                continue;
            }
            try (Socket open = https ? tls(socket, host, port) : socket) {
                open.setSoTimeout((int) readTimeout.toMillis());
                return exchange(open, uri, headers, body, System.nanoTime() + readTimeout.toNanos());
            } catch (SocketTimeoutException e) {
                throw new DeliveryFailedException("timed out: no answer within " + readTimeout.toSeconds() + " s", e);
            } catch (IOException e) {
                throw new DeliveryFailedException("connection failed (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        throw new DeliveryFailedException(failure);
    }

    private Socket tls(Socket socket, String host, int port) throws IOException {
        SSLSocketFactory factory = tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLSocket ssl = (SSLSocket) factory.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    /** @param deadline {@link System#nanoTime()} by which the status line must have arrived (a trickle is cut too) */
    private static int exchange(Socket socket, URI uri, Map<String, String> headers, byte[] body, long deadline)
            throws IOException {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getRawAuthority()).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value.replaceAll("[\r\n]", " "))
                .append("\r\n"));
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return status(socket.getInputStream(), deadline);
    }

    /** @return the status code of the answer's status line ({@code HTTP/1.1 204 No Content}) */
    private static int status(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (line.size() >= MAX_STATUS_LINE) {
                throw new IOException("status line too long");
            }
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("status line not complete in time");
            }
            line.write(c);
        }
        String[] parts = line.toString(StandardCharsets.US_ASCII).strip().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("not an HTTP answer");
        }
        return Integer.parseInt(parts[1]);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent on it
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
