package com.securemodel.bench;

import com.securemodel.bench.ChatStreamTimer.StreamTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The service's streamed chat over one kept-alive socket with a hand-written HTTP/1.1 request and no HTTP client:
 * what the web server costs without the JDK HttpClient's own threads. The chunked framing is taken off as the bytes
 * arrive; the stream ends at Tomcat's last chunk.
 */
final class RawSocketStream implements AutoCloseable {


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
        Dechunker body = new Dechunker();
        boolean checkedStatus = false;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the service closed the connection mid-stream");
            }
            if (!checkedStatus && !new String(buffer, 0, Math.min(n, 12), StandardCharsets.US_ASCII)
                    .equals("HTTP/1.1 200")) {
                throw new IllegalStateException("the service answered " + new String(buffer, 0, n,
                        StandardCharsets.UTF_8));
            }
            checkedStatus = true;
            long arrived = System.nanoTime();
            if (body.accept(buffer, n, (bytes, from, length) -> timer.accept(bytes, from, length, arrived))) {
                return timer.finish(System.nanoTime());
            }
        }
    }

    /** What a chunk of the body is handed to. */
    private interface BodyBytes {
        void accept(byte[] bytes, int offset, int length);
    }

    /**
     * Skips the response head and takes HTTP/1.1 chunked framing off the body, across reads that split it anywhere
     * (a size line may fall in the middle of an event when the server's buffer fills).
     */
    private static final class Dechunker {
        private final StringBuilder line = new StringBuilder();
        private boolean inHead = true;
        private long remaining = -1;
        private int crlfToSkip;

        /** @return whether the last chunk has arrived */
        boolean accept(byte[] bytes, int n, BodyBytes sink) {
            int i = 0;
            while (i < n) {
                if (inHead || remaining < 0) {
                    char c = (char) bytes[i++];
                    if (c != '\n') {
                        line.append(c);
                        continue;
                    }
                    String text = line.toString().strip();
                    line.setLength(0);
                    if (inHead) {
                        inHead = !text.isEmpty();
                    } else if (!text.isEmpty()) {
                        remaining = Long.parseLong(text.split(";")[0], 16);
                        if (remaining == 0) {
                            return true;
                        }
                    }
                } else if (crlfToSkip > 0) {
                    i++;
                    if (--crlfToSkip == 0) {
                        remaining = -1;
                    }
                } else {
                    int take = (int) Math.min(remaining, n - i);
                    sink.accept(bytes, i, take);
                    i += take;
                    remaining -= take;
                    if (remaining == 0) {
                        crlfToSkip = 2;
                    }
                }
            }
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
