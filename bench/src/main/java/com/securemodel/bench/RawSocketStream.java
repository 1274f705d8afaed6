package com.securemodel.bench;

import com.securemodel.bench.ChatStreamTimer.StreamTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The service's streamed chat over one kept-alive socket with a hand-written HTTP/1.1 request and no HTTP client:
 * what the web server costs without the JDK HttpClient's own threads. The chunked framing is left in the bytes (its
 * size lines are not {@code data:} lines); the stream ends at Tomcat's last chunk, {@code 0\r\n\r\n}.
 */
final class RawSocketStream implements AutoCloseable {

    private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final byte[] request;

    RawSocketStream(URI base, String path, String authorization, String body) throws IOException {
        this.socket = new Socket(base.getHost(), base.getPort());
        socket.setTcpNoDelay(true);
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: " + authorization + "\r\nContent-Type: application/json\r\nContent-Length: "
                + content.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        this.request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
    }

    StreamTiming call() throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        ChatStreamTimer timer = new ChatStreamTimer(System.nanoTime());
        out.write(request);
        out.flush();
        byte[] buffer = new byte[16384];
        byte[] tail = new byte[LAST_CHUNK.length];
        boolean head = true;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the service closed the connection mid-stream");
            }
            if (head && !new String(buffer, 0, Math.min(n, 12), StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) {
                throw new IllegalStateException("the service answered " + new String(buffer, 0, n,
                        StandardCharsets.UTF_8));
            }
            head = false;
            timer.accept(buffer, 0, n, System.nanoTime());
            shift(tail, buffer, n);
            if (timer.done() && Arrays.equals(tail, LAST_CHUNK)) {
                return timer.finish(System.nanoTime());
            }
        }
    }

    private static void shift(byte[] tail, byte[] buffer, int n) {
        int keep = Math.max(0, tail.length - n);
        System.arraycopy(tail, tail.length - keep, tail, 0, keep);
        System.arraycopy(buffer, n - (tail.length - keep), tail, keep, tail.length - keep);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
