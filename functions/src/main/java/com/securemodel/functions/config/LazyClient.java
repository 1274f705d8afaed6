package com.securemodel.functions.config;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An AWS client built on its first use, and closed with the context if it was. The clients of SageMaker's control
 * plane, S3 and Application Auto Scaling are beans of a subclass of this type rather than of their own type: Spring
 * scans every bean type's methods at start (for event listeners), and their hundreds of operations would load over a
 * thousand request and response classes into every Lambda cold start, though only some functions and requests use
 * them (deployments, batch and tokenizer files). Each has a subclass of its own ({@link SageMakerControlPlane},
 * {@link S3Storage}, {@link ScalingControlPlane}) so that no bean's generic type names the client's interface either.
 * The DynamoDB and SQS clients, which the stores take as such, are beans of their own type built on this
 * ({@link LazyDynamoDbClient}, {@link LazySqsClient}). Built under a lock, not a monitor (a virtual thread waiting on a
 * monitor pins its carrier on Java 21); {@link #get} and {@link #close} are final, so a subclass keeps that.
 *
 * @param <C> the client
 */
public class LazyClient<C extends SdkAutoCloseable> implements Supplier<C>, AutoCloseable {

    private final Supplier<C> factory;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile C client;

    public LazyClient(Supplier<C> factory) {
        this.factory = factory;
    }

    @Override
    public final C get() {
        C built = client;
        if (built != null) {
            return built;
        }
        lock.lock();
        try {
            if (client == null) {
                client = factory.get();
            }
            return client;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void close() {
        lock.lock();
        try {
            if (client != null) {
                client.close();
                client = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
