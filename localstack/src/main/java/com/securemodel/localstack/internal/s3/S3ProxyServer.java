package com.securemodel.localstack.internal.s3;

import com.securemodel.localstack.LocalCloudException;
import com.securemodel.localstack.PortInUseException;
import java.net.URI;
import java.time.Duration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy over the jclouds in-memory {@code transient} blob store, bound to 127.0.0.1.
 *
 * <p>Clients sign with SigV4 (or V2) using the configured access key and secret, and must use path-style
 * addressing ({@code forcePathStyle(true)} in the AWS SDK v2).
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final String PART = "S3";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final BlobStoreContext blobs;
    private final S3EventNotifier notifier;

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext blobs, S3EventNotifier notifier) {
        this.proxy = proxy;
        this.blobs = blobs;
        this.notifier = notifier;
    }

    /**
     * Starts S3Proxy.
     *
     * @param port the loopback port, 0 for a free one
     * @param accessKey the access key id clients sign with
     * @param secretKey the secret access key clients sign with
     * @param region the region S3 events name
     * @return the running server
     */
    public static S3ProxyServer start(int port, String accessKey, String secretKey, String region) {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient")
                .credentials(accessKey, secretKey)
                .buildView(BlobStoreContext.class);
        S3EventNotifier notifier = new S3EventNotifier(region);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new NotifyingBlobStore(blobs.getBlobStore(), notifier))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy, blobs, e);
            if (PortInUseException.isBindFailure(e)) {
                throw new PortInUseException(PART, port, e);
            }
            throw new LocalCloudException("S3Proxy (" + PART + ") failed to start on 127.0.0.1:" + port, e);
        }
        return new S3ProxyServer(proxy, blobs, notifier);
    }

    /** @return where object-created events go (rules added at run time) */
    public S3EventNotifier notifier() {
        return notifier;
    }

    /** @return the port it listens on */
    public int port() {
        return proxy.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new LocalCloudException("S3Proxy (" + PART + ") failed to stop", e);
        } finally {
            blobs.close();
        }
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy state is " + proxy.getState() + " after start");
            }
            Thread.sleep(5);
        }
    }

    private static void stopQuietly(S3Proxy proxy, BlobStoreContext blobs, Exception failure) {
        try {
            proxy.stop();
        } catch (Exception e) {
            failure.addSuppressed(e);
        } finally {
            blobs.close();
        }
    }
}
