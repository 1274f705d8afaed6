package com.securemodel.functions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts on a port chosen beforehand. A port that the operating system hands out for
 * {@code new ServerSocket(0)} lies in the ephemeral range (32768-60999 on Linux), which every outgoing connection of
 * every process draws from too: between choosing it and binding it, another build's HTTP client may take it. A
 * random port below that range, checked free, cannot be taken that way.
 */
public final class TestPorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private TestPorts() {
    }

    /** @return a port below the ephemeral range that nothing listens on now (on 127.0.0.1) */
    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
    }
}
