package com.securemodel.functions.aws;

import com.securemodel.functions.io.Bodies;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * One SigV4-signed {@code POST} to an AWS endpoint through the SDK's HTTP client, bounded by a deadline: what
 * {@link SignedInvokeEndpoint} and {@link SignedDynamoDbClient} send for each attempt. The credentials provider is
 * asked on every attempt (refreshed credentials are used); an attempt still running at its deadline is aborted.
 */
final class SignedPost {

    /** The status line and headers of an answer, and its whole body. */
    record Answer(SdkHttpResponse head, byte[] body) {
    }

    /** Aborts an attempt still running at its deadline (one daemon thread, made on first use). */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final SigV4 signer;
    private final String host;
    /** The endpoint URL's own path, without a trailing slash: what every call's path starts with. */
    private final String basePath;

    SignedPost(SdkHttpClient http, AwsCredentialsProvider credentials, URI endpoint, String region, String service) {
        this.http = http;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.signer = new SigV4(region, service);
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || (port == 443 && "https".equals(endpoint.getScheme()))
                || (port == 80 && "http".equals(endpoint.getScheme()));
        this.host = endpoint.getHost() + (defaultPort ? "" : ":" + port);
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    URI endpoint() {
        return endpoint;
    }

    /** @return the endpoint's own path without a trailing slash ({@code ""} for most) */
    String basePath() {
        return basePath;
    }

    /**
     * @param path the encoded path to send
     * @param canonicalUri the path as SigV4 signs it (each segment encoded twice, for services but S3)
     * @param headers every header to sign and send but {@code host} (added here); names in lower case
     * @param deadline {@link System#nanoTime()} by which the answer must have arrived
     * @param timeout the failure when the deadline passes first
     * @return the answer, successful or not
     * @throws SdkClientException when the request could not be sent or its answer not read
     */
    Answer send(String path, String canonicalUri, Map<String, String> headers, byte[] body, long deadline,
                Supplier<? extends SdkException> timeout) {
        AwsCredentials identity = credentials.resolveCredentials();
        Map<String, String> toSign = new HashMap<>(headers);
        toSign.put("host", host);
        Map<String, String> signedHeaders = signer.sign("POST", canonicalUri, toSign, body,
                identity.accessKeyId(), identity.secretAccessKey(),
                identity instanceof AwsSessionCredentials session ? session.sessionToken() : null, Instant.now());
        SdkHttpFullRequest.Builder signed = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .encodedPath(path);
        signedHeaders.forEach(signed::putHeader);
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout.get();
        }
        ExecutableHttpRequest call = http.prepareRequest(HttpExecuteRequest.builder().request(signed.build())
                .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(body)).build());
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timer = TIMER.schedule(() -> {
            timedOut.set(true);
            call.abort();
        }, remaining, TimeUnit.NANOSECONDS);
        try {
            HttpExecuteResponse response = call.call();
            Optional<? extends InputStream> stream = response.responseBody();
            try (InputStream in = stream.isPresent() ? stream.get() : InputStream.nullInputStream()) {
                return new Answer(response.httpResponse(), readBody(in, response.httpResponse()));
            }
        } catch (IOException e) {
            if (timedOut.get()) {
                throw timeout.get();
            }
            throw SdkClientException.builder().message("Unable to execute HTTP request: " + e.getMessage())
                    .cause(e).build();
        } finally {
            timer.cancel(false);
        }
    }

    /**
     * @return the answer's whole body, read by its {@code Content-Length} where it gives one ({@link Bodies#read}:
     *         {@code readAllBytes} starts every body with a 16 KB buffer, two per generate and most of what a call
     *         allocated)
     */
    static byte[] readBody(InputStream in, SdkHttpResponse head) throws IOException {
        return Bodies.read(in, BufferedPostHttpClient.contentLength(head), Integer.MAX_VALUE - 8);
    }

    /** How a client retries: attempts, and the full-jitter backoff's bases (doubling, capped at 20 s). */
    record Retries(int maxAttempts, long baseDelayMillis, long throttledBaseDelayMillis) {

        private static final long MAX_DELAY_MILLIS = 20_000;

        long delayMillis(int tried, SdkException failure) {
            long base = failure instanceof AwsServiceException aws && aws.isThrottlingException()
                    ? throttledBaseDelayMillis : baseDelayMillis;
            long ceiling = Math.min(MAX_DELAY_MILLIS, base << Math.min(tried - 1, 20));
            return ThreadLocalRandom.current().nextLong(ceiling) + 1;
        }
    }

    /**
     * Runs {@code attempt} until it answers: at most {@code retries.maxAttempts()}, another only after a failure
     * {@code retryable} accepts and only when its full-jitter wait ends before {@code deadline}.
     *
     * @throws SdkException the last failure
     */
    static <T> T retrying(Retries retries, long deadline, Predicate<SdkException> retryable, Supplier<T> attempt) {
        for (int tried = 1; ; tried++) {
            SdkException failure;
            try {
                return attempt.get();
            } catch (SdkException e) {
                failure = e;
            }
            long delayMillis = retries.delayMillis(tried, failure);
            if (tried == retries.maxAttempts() || !retryable.test(failure)
                    || System.nanoTime() + delayMillis * 1_000_000 >= deadline) {
                throw failure;
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "signed-call-timeout");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a finished call's timer leaves the queue at once
        return timer;
    }
}
