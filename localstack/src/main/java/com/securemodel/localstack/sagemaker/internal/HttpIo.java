package com.securemodel.localstack.sagemaker.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/** Reading requests and writing whole responses on a {@link HttpExchange}. */
final class HttpIo {

    static final String REQUEST_ID = "x-amzn-RequestId";
    static final String ERROR_TYPE = "x-amzn-ErrorType";

    private HttpIo() {
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set(REQUEST_ID, UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void sendError(HttpExchange exchange, AwsErrorException error, String contentType) throws IOException {
        exchange.getResponseHeaders().set(ERROR_TYPE, error.code());
        send(exchange, error.httpStatus(), contentType, Json.bytes(error.body()));
    }
}
