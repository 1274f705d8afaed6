package com.securemodel.localstack.internal.sqs;

import com.securemodel.localstack.LocalCloudException;
import com.securemodel.localstack.PortInUseException;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, an in-memory SQS that speaks both the query and the AWS JSON protocol, bound to 127.0.0.1.
 *
 * <p>Queue URLs carry the real bound port, also when the port was chosen by the system.
 */
public final class ElasticMqServer implements AutoCloseable {

    private static final String PART = "SQS";

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

    @Override
    public void close() {
        server.stopAndWait();
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
