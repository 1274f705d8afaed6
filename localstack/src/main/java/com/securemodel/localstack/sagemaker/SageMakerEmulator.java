package com.securemodel.localstack.sagemaker;

import com.securemodel.localstack.llm.ModelCatalog;
import com.securemodel.localstack.llm.ModelLoader;
import com.securemodel.localstack.sagemaker.internal.EmulatorServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/**
 * A SageMaker-compatible server that the AWS SDK talks to through {@code endpointOverride}: the control plane
 * ({@code CreateModel}, {@code CreateEndpointConfig}, {@code CreateEndpoint}, {@code DescribeEndpoint},
 * {@code UpdateEndpoint}, {@code ListEndpoints}, the describes and deletes), Application Auto Scaling's calls
 * for endpoint variants (instances added and removed by load between min and max) and the runtime
 * ({@code InvokeEndpoint}, {@code InvokeEndpointWithResponseStream}) on one port. Each endpoint instance is a
 * {@link com.securemodel.localstack.llm.TextGenerator} from the {@link ModelLoader}, for the model id the container
 * names: its {@code HF_MODEL_ID} environment variable, else the S3 key of {@code ModelDataUrl}
 * ({@code s3://bucket/org/name/model.tar.gz} serves {@code org/name}). Requests and responses use the TGI container
 * format ({@code inputs}/{@code parameters}, or {@code messages}).
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Operations_Amazon_SageMaker_Service.html">SageMaker API</a>
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Operations_Amazon_SageMaker_Runtime.html">SageMaker Runtime API</a>
 */
public final class SageMakerEmulator implements AutoCloseable {

    /** Requests that may wait for a busy endpoint before it answers {@code ThrottlingException}. */
    public static final int DEFAULT_MAX_QUEUED_PER_ENDPOINT = 64;
    /** How often autoscaling evaluates each registered variant (CloudWatch's one-minute metric period). */
    public static final Duration DEFAULT_SCALING_PERIOD = Duration.ofMinutes(1);

    private final EmulatorServer server;

    private SageMakerEmulator(EmulatorServer server) {
        this.server = server;
    }

    /** Starts on {@code bind} (port 0 picks a free port). */
    public static SageMakerEmulator start(InetSocketAddress bind, ModelCatalog catalog, ModelLoader loader) {
        return start(bind, catalog, loader, DEFAULT_MAX_QUEUED_PER_ENDPOINT);
    }

    /** Starts with a queue of at most {@code maxQueuedPerEndpoint} waiting requests per production variant. */
    public static SageMakerEmulator start(InetSocketAddress bind, ModelCatalog catalog, ModelLoader loader,
                                          int maxQueuedPerEndpoint) {
        return start(bind, catalog, loader, maxQueuedPerEndpoint, DEFAULT_SCALING_PERIOD);
    }

    /**
     * Starts with autoscaling evaluated every {@code scalingPeriod} (tests use a second or less, so that instances
     * move between min and max quickly); load is still measured as invocations per instance per minute.
     */
    public static SageMakerEmulator start(InetSocketAddress bind, ModelCatalog catalog, ModelLoader loader,
                                          int maxQueuedPerEndpoint, Duration scalingPeriod) {
        if (maxQueuedPerEndpoint < 0) {
            throw new IllegalArgumentException("maxQueuedPerEndpoint must be >= 0, was " + maxQueuedPerEndpoint);
        }
        return new SageMakerEmulator(EmulatorServer.start(bind, catalog, loader, maxQueuedPerEndpoint,
                scalingPeriod));
    }

    /**
     * Where to point {@code endpointOverride} of both the SageMaker and the SageMaker Runtime clients (loopback when
     * bound to the wildcard address).
     */
    public URI endpoint() {
        InetSocketAddress address = server.address();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    public int port() {
        return server.address().getPort();
    }

    /**
     * From now on, instances of {@code instanceType} (for example {@code ml.g5.xlarge}) cannot be launched, as when
     * SageMaker has no capacity of that type left ("Unable to provision requested ML compute capacity"): a
     * {@code CreateEndpoint} ends {@code Failed}, and an {@code UpdateEndpoint} to it is rolled back, the endpoint
     * {@code InService} again on its old endpoint config with a {@code FailureReason}, as SageMaker does.
     */
    public void withoutCapacity(String instanceType) {
        server.capacity(instanceType, false);
    }

    /** Undoes {@link #withoutCapacity}. */
    public void restoreCapacity(String instanceType) {
        server.capacity(instanceType, true);
    }

    /** Stops the server and closes every loaded model; idempotent. */
    @Override
    public void close() {
        server.close();
    }
}
