package com.securemodel.functions.config;

import java.util.function.Supplier;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An AWS client built on its first use, and closed with the context if it was. The SageMaker and S3 clients are beans
 * of this type rather than their own: Spring scans every bean type's methods at start (for event listeners), and
 * their hundreds of operations would load over a thousand request and response classes into every Lambda cold
 * start, though only the deployment worker and the tokenizer files use them.
 *
 * @param <C> the client
 */
public final class LazyClient<C extends SdkAutoCloseable> implements Supplier<C>, AutoCloseable {

    private final Supplier<C> factory;
    private volatile C client;

    public LazyClient(Supplier<C> factory) {
        this.factory = factory;
    }

    @Override
    public C get() {
        C built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = factory.get();
                }
                built = client;
            }
        }
        return built;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
