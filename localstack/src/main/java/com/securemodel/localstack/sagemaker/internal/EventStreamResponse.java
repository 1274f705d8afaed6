package com.securemodel.localstack.sagemaker.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * The body of {@code InvokeEndpointWithResponseStream}: AWS event-stream frames sent as they are produced.
 * Each {@code PayloadPart} event carries bytes of the container's response; a failure after the first part is a
 * {@code ModelStreamError} exception frame. The HTTP response starts with the first frame, so that an error before
 * any token can still be answered as an ordinary error response.
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpointWithResponseStream.html">InvokeEndpointWithResponseStream</a>
 */
final class EventStreamResponse {

    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private final HttpExchange exchange;
    private final String variantName;
    private final String containerContentType;
    private OutputStream out;

    EventStreamResponse(HttpExchange exchange, String variantName, String containerContentType) {
        this.exchange = exchange;
        this.variantName = variantName;
        this.containerContentType = containerContentType;
    }

    boolean started() {
        return out != null;
    }

    void payloadPart(byte[] bytes) {
        write(payloadPartFrame(bytes));
    }

    void modelStreamError(String message, String errorCode) {
        write(modelStreamErrorFrame(message, errorCode));
    }

    void finish() {
        try {
            if (out == null) {
                start();
            }
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] payloadPartFrame(byte[] bytes) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString("PayloadPart"));
        headers.put(":content-type", HeaderValue.fromString("application/octet-stream"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return encode(new Message(headers, bytes));
    }

    static byte[] modelStreamErrorFrame(String message, String errorCode) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString("ModelStreamError"));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        byte[] payload = Json.bytes(Json.object().put("Message", message).put("ErrorCode", errorCode));
        return encode(new Message(headers, payload));
    }

    private static byte[] encode(Message message) {
        java.nio.ByteBuffer buffer = message.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private void write(byte[] frame) {
        try {
            if (out == null) {
                start();
            }
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The client closed the response stream", e);
        }
    }

    private void start() throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("X-Amzn-SageMaker-Content-Type", containerContentType);
        exchange.getResponseHeaders().set("X-Amzn-Invoked-Production-Variant", variantName);
        exchange.getResponseHeaders().set(HttpIo.REQUEST_ID, java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(200, 0);
        out = exchange.getResponseBody();
    }
}
