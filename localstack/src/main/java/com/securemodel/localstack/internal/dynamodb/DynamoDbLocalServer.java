package com.securemodel.localstack.internal.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import com.securemodel.localstack.LocalCloudException;
import com.securemodel.localstack.PortInUseException;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * DynamoDB Local 2.6 (in-memory) on its own Jetty connector bound to 127.0.0.1.
 *
 * <p>{@code ServerRunner} binds every interface and cannot report an ephemeral port, so this builds the same
 * request handler {@code ServerRunner.createServer} builds, without telemetry, behind a loopback connector.
 * DynamoDB Local 2.x extracts its own sqlite4java native library from its jar to {@code java.io.tmpdir} on first
 * use, so no {@code sqlite4java.library.path} is needed.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private static final String PART = "DynamoDB";

    private final Server server;
    private final int port;

    private DynamoDbLocalServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts an in-memory DynamoDB Local.
     *
     * @param port the loopback port, 0 for a free one
     * @return the running server
     */
    public static DynamoDbLocalServer start(int port) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        var requestHandler = new LocalDynamoDBRequestHandler(0, true, null, true, false);
        ContextHandler context = new ContextHandler();
        context.setHandler(new LocalDynamoDBServerHandler(requestHandler, null));
        server.setHandler(new ContextHandlerCollection(context));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server, e);
            if (PortInUseException.isBindFailure(e)) {
                throw new PortInUseException(PART, port, e);
            }
            throw new LocalCloudException(PART + " Local failed to start on 127.0.0.1:" + port, e);
        }
        return new DynamoDbLocalServer(server, connector.getLocalPort());
    }

    /** @return the port it listens on */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new LocalCloudException(PART + " Local failed to stop", e);
        }
    }

    private static void stopQuietly(Server server, Exception failure) {
        try {
            server.stop();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
