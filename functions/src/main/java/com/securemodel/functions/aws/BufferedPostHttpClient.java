package com.securemodel.functions.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpHeaders;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The SDK's {@link UrlConnectionHttpClient}, except that a {@code POST} with a small body is sent buffered: every
 * DynamoDB, SQS and SageMaker runtime call is such a {@code POST}.
 *
 * <p>Why: {@code UrlConnectionHttpClient} streams request bodies ({@code setFixedLengthStreamingMode}), and before a
 * streamed {@code POST} on a kept-alive connection the JDK probes the connection for a close by the server: a read
 * with a 1 ms timeout, which on a live connection always times out (JDK {@code sun.net.www.http.HttpClient.New} and
 * {@code available()}, HTTP and HTTPS alike). So every call waited at least 1 ms and built a
 * {@code SocketTimeoutException}: measured here, a one-token {@code InvokeEndpoint} on loopback took 1.47 ms and
 * 0.21 ms of CPU through the SDK's client, 0.14 ms and 0.08 ms through this one.
 *
 * <p>A buffered body needs no probe because the JDK can send it again: when reading the response header fails with
 * an I/O error other than a timeout (a kept-alive connection the server had closed, typically after a Lambda
 * instance was frozen), it sends the request once more on a new connection ({@code sun.net.http.retryPost}, true by
 * default). That also re-sends in the rare case where the server did act on the request and the connection broke
 * before its answer: the case in which the SDK's own retries (standard mode retries I/O errors) re-send too. Left on
 * deliberately: a stale connection then costs a reconnect, not an SDK backoff.
 *
 * <p>Everything else (other methods, bodies without a length or over {@link #MAX_BUFFERED_BYTES}: S3 uploads) goes
 * to the SDK's client as before. Timeouts, headers, redirects and error bodies are handled as it handles them. That
 * client is built on its first request: building it initialises a TLS context of its own (the trust store parsed
 * again, about 70 ms of a cold start), which a function that only sends {@code POST}s never needs (the buffered ones
 * use the JDK's default TLS context).
 */
public final class BufferedPostHttpClient implements SdkHttpClient {

    /** The largest body sent buffered: far over any DynamoDB, SQS or InvokeEndpoint request this service sends. */
    public static final long MAX_BUFFERED_BYTES = 8L << 20;
    /** Set by the JDK from the body, or not sent with a buffered body. */
    private static final Set<String> NOT_COPIED = Set.of("content-length", "host", "expect", "transfer-encoding");

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    /** Held while the SDK's client is built: a lock, not a monitor, which would pin a virtual thread on Java 21. */
    private final ReentrantLock building = new ReentrantLock();
    /** The SDK's client, built on first use; null until then. */
    private volatile SdkHttpClient delegate;

    private BufferedPostHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /** @param readTimeout how long a response may take (the longest generation, for the SageMaker runtime) */
    public static BufferedPostHttpClient create(Duration connectTimeout, Duration readTimeout) {
        return new BufferedPostHttpClient(connectTimeout, readTimeout);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        Optional<ContentStreamProvider> content = request.contentStreamProvider();
        long length = contentLength(http);
        if (http.method() != SdkHttpMethod.POST || content.isEmpty() || length < 0 || length > MAX_BUFFERED_BYTES) {
            return delegate().prepareRequest(request);
        }
        return new BufferedPost(http, content.get(), (int) length);
    }

    /** @return the request's or answer's {@code Content-Length}; -1 where it has none, or none that is a number */
    static long contentLength(SdkHttpHeaders headers) {
        Optional<String> length = headers.firstMatchingHeader("Content-Length");
        try {
            return length.isEmpty() ? -1 : Long.parseLong(length.get().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String clientName() {
        return "UrlConnectionBufferedPost";
    }

    /**
     * Builds the SDK's client now rather than on the first request that needs it: SnapStart priming calls this, so
     * that a restored function does not build it (and its TLS context) on its first S3 read.
     */
    public void prepare() {
        delegate();
    }

    private SdkHttpClient delegate() {
        SdkHttpClient built = delegate;
        if (built == null) {
            building.lock();
            try {
                built = delegate;
                if (built == null) {
                    built = UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout)
                            .socketTimeout(readTimeout).build();
                    delegate = built;
                }
            } finally {
                building.unlock();
            }
        }
        return built;
    }

    /** Closes the SDK's client if it was built; a request after this builds a new one (the SDK's close is a no-op). */
    @Override
    public void close() {
        SdkHttpClient built = delegate;
        if (built != null) {
            built.close();
        }
    }

    private final class BufferedPost implements ExecutableHttpRequest {

        private final SdkHttpRequest request;
        private final ContentStreamProvider content;
        private final int length;
        private volatile HttpURLConnection connection;
        private volatile boolean aborted;

        BufferedPost(SdkHttpRequest request, ContentStreamProvider content, int length) {
            this.request = request;
            this.content = content;
            this.length = length;
        }

        @Override
        public HttpExecuteResponse call() throws IOException {
            byte[] body;
            try (InputStream in = content.newStream()) {
                body = in.readNBytes(length);
            }
            if (body.length != length) {
                throw new IOException("The request body has " + body.length + " bytes, its Content-Length says "
                        + length);
            }
            HttpURLConnection http = (HttpURLConnection) request.getUri().toURL().openConnection();
            connection = http;
            if (aborted) {
                throw new IOException("The request was aborted");
            }
            http.setRequestMethod("POST");
            http.setConnectTimeout(connectTimeoutMillis);
            http.setReadTimeout(readTimeoutMillis);
            http.setInstanceFollowRedirects(false);
            http.setUseCaches(false);
            http.setDoOutput(true);
            request.forEachHeader((name, values) -> {
                if (!NOT_COPIED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> http.addRequestProperty(name, value));
                }
            });
            if (request.firstMatchingHeader("Accept").isEmpty()) {
                http.setRequestProperty("Accept", "*/*"); // else the JDK's default list, as the SDK's client does
            }
            try (OutputStream out = http.getOutputStream()) {
                out.write(body);
            }
            int status = http.getResponseCode();
            InputStream stream = status >= 400 ? http.getErrorStream() : http.getInputStream();
            SdkHttpFullResponse.Builder response = SdkHttpFullResponse.builder().statusCode(status)
                    .statusText(http.getResponseMessage());
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            http.getHeaderFields().forEach((name, values) -> {
                if (name != null) {
                    headers.put(name, values);
                }
            });
            response.headers(headers);
            return HttpExecuteResponse.builder().response(response.build())
                    .responseBody(AbortableInputStream.create(stream == null
                            ? new ByteArrayInputStream(new byte[0]) : stream, http::disconnect))
                    .build();
        }

        @Override
        public void abort() {
            aborted = true;
            HttpURLConnection http = connection;
            if (http != null) {
                http.disconnect();
            }
        }
    }
}
