package com.securemodel.core.audit;

/**
 * What the generation of the current request learned (the deployment and the token counts), for the request's
 * audit record and log line written by the edge that knows the route and the status. Bound to the thread that
 * serves the request, between {@link #open()} and {@link #close()}; outside a request, noting does nothing.
 */
public final class CallContext implements AutoCloseable {

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    private final CallContext outer;
    private String deploymentId;
    private long promptTokens;
    private long completionTokens;
    private boolean generated;
    private String keyId;

    private CallContext(CallContext outer) {
        this.outer = outer;
    }

    /** Binds a fresh context to this thread until {@link #close()}. */
    public static CallContext open() {
        CallContext context = new CallContext(CURRENT.get());
        CURRENT.set(context);
        return context;
    }

    /** Notes one generation of this request (a request may generate more than once: the counts add up). */
    public static void noteGeneration(String deploymentId, long promptTokens, long completionTokens) {
        CallContext context = CURRENT.get();
        if (context != null) {
            synchronized (context) {
                context.deploymentId = deploymentId;
                context.promptTokens += promptTokens;
                context.completionTokens += completionTokens;
                context.generated = true;
            }
        }
    }

    /** Notes who called: the non-secret id of the API key the request was authenticated with. */
    public static void noteCaller(String keyId) {
        CallContext context = CURRENT.get();
        if (context != null) {
            synchronized (context) {
                context.keyId = keyId;
            }
        }
    }

    /** @return the key id noted for the request this thread serves, null outside a request or before it was noted */
    public static String callerKeyId() {
        CallContext context = CURRENT.get();
        if (context == null) {
            return null;
        }
        synchronized (context) {
            return context.keyId;
        }
    }

    public synchronized String deploymentId() {
        return deploymentId;
    }

    public synchronized long promptTokens() {
        return promptTokens;
    }

    public synchronized long completionTokens() {
        return completionTokens;
    }

    /** @return whether the request reached a model */
    public synchronized boolean generated() {
        return generated;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
