package com.securemodel.localstack.internal.sqs;

import com.securemodel.localstack.LocalCloudException;
import com.securemodel.localstack.PortInUseException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.jdk.javaapi.FutureConverters;

/**
 * ElasticMQ, an in-memory SQS that speaks both the query and the AWS JSON protocol, bound to 127.0.0.1.
 *
 * <p>Queue URLs carry the real bound port, also when the port was chosen by the system.
 */
public final class ElasticMqServer implements AutoCloseable {

    private static final String PART = "SQS";
    /** The longest a stop waits for ElasticMQ to finish (its requests under way). */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final SQSRestServer server;
    private final int port;

    private ElasticMqServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts ElasticMQ.
     *
     * @param port the loopback port, 0 for a free one
     * @param region the region that queue ARNs name
     * @return the running server
     */
    public static ElasticMqServer start(int port, String region) {
        var builder = SQSRestServerBuilder.withInterface("127.0.0.1").withAWSRegion(region);
        builder = port == 0
                ? builder.withDynamicPort()
                : builder.withPort(port).withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""));
        SQSRestServer server = builder.start();
        try {
            return new ElasticMqServer(server, server.waitUntilStarted().localAddress().getPort());
        } catch (RuntimeException e) {
            stopQuietly(server, e);
            if (PortInUseException.isBindFailure(e)) {
                throw new PortInUseException(PART, port, e);
            }
            throw new LocalCloudException("ElasticMQ (" + PART + ") failed to start on 127.0.0.1:" + port, e);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return port;
    }

    /**
     * Stops the server, waiting at most {@link #STOP_WAIT} for it: ElasticMQ's own wait lasts as long as a client's
     * open long poll (up to 20 s, a ReceiveMessage that no one will read any more), which held every shutdown of the
     * local service, and the test JVMs' exits, that long.
     */
    @Override
    public void close() {
        try {
            FutureConverters.asJava(server.stopAndGetFuture().apply()).toCompletableFuture()
                    .get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // an open long poll: its connection goes with the process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new LocalCloudException("ElasticMQ (" + PART + ") failed to stop", e.getCause());
        }
    }

    private static void stopQuietly(SQSRestServer server, RuntimeException failure) {
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }
}
