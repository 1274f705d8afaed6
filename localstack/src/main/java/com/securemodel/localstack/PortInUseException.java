package com.securemodel.localstack;

import java.net.BindException;

/** Thrown when a part of the local cloud cannot bind its loopback port because something else listens there. */
public final class PortInUseException extends LocalCloudException {

    private final String part;
    private final int port;

    /**
     * @param part the part that failed to start, for example {@code DynamoDB}
     * @param port the port it tried to bind
     * @param cause the bind failure
     */
    public PortInUseException(String part, int port, Throwable cause) {
        super(part + " cannot listen on 127.0.0.1:" + port
                + " because the port is in use: stop what listens there or choose another port", cause);
        this.part = part;
        this.port = port;
    }

    /** @return the part that failed to start */
    public String part() {
        return part;
    }

    /** @return the port it tried to bind */
    public int port() {
        return port;
    }

    /**
     * Tells whether a server start failed because its port was taken.
     *
     * @param failure what the server's start raised
     * @return true when a {@link BindException} or an "address already in use" message is in the cause chain
     */
    public static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof BindException || message.contains("address already in use")
                    || message.contains("failed to bind")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
