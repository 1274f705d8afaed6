package com.securemodel.core.hosting;

import java.util.function.Consumer;

/** Port: the SageMaker runtime ({@code InvokeEndpoint}, {@code InvokeEndpointWithResponseStream}). */
public interface ModelInvoker {

    InvocationResult invoke(String endpointName, InvocationRequest request);

    /**
     * Streams token texts to {@code onToken} as they arrive and returns the whole result at the end. When
     * {@code onToken} is a {@link TextSink}, its {@code idle()} is called whenever no more text is waiting.
     */
    InvocationResult stream(String endpointName, InvocationRequest request, Consumer<String> onToken);
}
