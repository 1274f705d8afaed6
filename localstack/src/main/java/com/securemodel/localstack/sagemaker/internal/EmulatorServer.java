package com.securemodel.localstack.sagemaker.internal;

import com.securemodel.localstack.llm.ModelCatalog;
import com.securemodel.localstack.llm.ModelLoader;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One JDK HTTP server for both the control plane and the runtime. Requests run on platform threads (generation
 * calls native code, which would pin the few carriers of virtual threads); how many generate at once is bounded per
 * endpoint by its instance pools, not by this executor.
 */
public final class EmulatorServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmulatorServer.class.getName());

    private final HttpServer server;
    private final ExecutorService requests;
    private final ResourceStore store;
    private final ControlPlaneHandler controlPlane;
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final RuntimeHandler runtime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final AutoScaler scaler;
    private final EndpointLauncher launcher;

    private EmulatorServer(HttpServer server, ExecutorService requests, ResourceStore store, AutoScaler scaler,
                           EndpointLauncher launcher) {
        this.launcher = launcher;
        this.server = server;
        this.requests = requests;
        this.store = store;
        this.scaler = scaler;
        ModelOperations models = new ModelOperations(store);
        this.controlPlane = new ControlPlaneHandler(models, new EndpointOperations(store, models), scaler);
        this.runtime = new RuntimeHandler(store);
    }

    /** See {@code SageMakerEmulator#withoutCapacity}. */
    public void capacity(String instanceType, boolean available) {
        launcher.capacity(instanceType, available);
    }

    /** @param maxQueuedPerEndpoint requests that may wait for a busy endpoint before it answers throttling */
    /** @param scalingPeriod how often autoscaling compares each registered variant's load with its target */
    public static EmulatorServer start(InetSocketAddress bind, ModelCatalog catalog, ModelLoader loader,
                                       int maxQueuedPerEndpoint, java.time.Duration scalingPeriod) {
        HttpServer server;
        enableTcpNoDelay();
        try {
            server = HttpServer.create(bind, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + bind + " for the SageMaker emulator: choose"
                    + " another port (0 picks a free one)", e);
        }
        ExecutorService requests = Executors.newCachedThreadPool(daemon("sagemaker-emulator-request"));
        ExecutorService background = Executors.newCachedThreadPool(daemon("sagemaker-emulator-deploy"));
        EndpointLauncher launcher = new EndpointLauncher(catalog, loader, maxQueuedPerEndpoint);
        ResourceStore store = new ResourceStore(launcher, background, Clock.systemUTC());
        EmulatorServer emulator = new EmulatorServer(server, requests, store,
                new AutoScaler(store, launcher, scalingPeriod), launcher);
        server.createContext("/", emulator::route);
        server.setExecutor(requests);
        server.start();
        return emulator;
    }

    /**
     * The JDK server writes response headers and body as separate segments and leaves Nagle's algorithm on by
     * default, so the body waits for the client's delayed ACK (about 40 ms on Linux) on every invocation. The
     * switch is read once, when the first {@code HttpServer} of the JVM is created; a value set on the command
     * line wins.
     */
    private static void enableTcpNoDelay() {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void route(HttpExchange exchange) throws IOException {
        try {
            if (RuntimeHandler.matches(exchange.getRequestURI().getRawPath())) {
                runtime.handle(exchange);
            } else {
                controlPlane.handle(exchange);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "SageMaker emulator failed on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath(), e);
            sendInternalFailure(exchange, e);
        } finally {
            exchange.close();
        }
    }

    private static void sendInternalFailure(HttpExchange exchange, RuntimeException e) {
        try {
            HttpIo.sendError(exchange, AwsErrorException.runtime(500, "InternalFailure", Json.object()
                    .put("message", "The SageMaker emulator failed: " + e.getClass().getSimpleName()
                            + "; see its log")), RuntimeHandler.CONTENT_TYPE);
        } catch (IOException alreadyAnswered) {
            LOG.log(Level.DEBUG, "The response had already started", alreadyAnswered);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        scaler.close();
        store.close();
        requests.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        return Thread.ofPlatform().name(name + "-", 1).daemon().factory();
    }
}
