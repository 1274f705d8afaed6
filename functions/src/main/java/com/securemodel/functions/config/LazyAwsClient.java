package com.securemodel.functions.config;

import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What the client beans that stand for an AWS client share ({@link LazyDynamoDbClient}, {@link LazySqsClient}): the
 * client behind them, built on the first call that needs it ({@link LazyClient}), built ahead by {@link #prepare()}
 * (SnapStart's priming) and closed with the bean if it was built.
 *
 * @param <C> the client
 */
public abstract class LazyAwsClient<C extends SdkAutoCloseable> {

    private final LazyClient<C> client;

    protected LazyAwsClient(LazyClient<C> client) {
        this.client = client;
    }

    /** @return the client, built on the first call */
    protected final C client() {
        return client.get();
    }

    /** Builds the client now (SnapStart's priming: the snapshot holds it built). */
    public final void prepare() {
        client.get();
    }

    public final void close() {
        client.close();
    }
}
