package com.securemodel.functions.http.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.securemodel.core.IdGenerator;
import com.securemodel.functions.http.HttpApiFunction;
import com.securemodel.functions.http.HttpApiServer;
import com.securemodel.functions.http.ResponseOutput;
import com.securemodel.functions.io.Bodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.HttpRequestHandler;

/**
 * The web server's way into the API (locally, and in the streaming web app on Lambda): every servlet request
 * becomes the API Gateway HTTP API (payload 2.0) event Lambda would receive and goes through the same
 * {@code httpApi} function, whose answer is written back; a streamed answer leaves chunk by chunk, each flushed
 * as soon as the route produces it.
 */
public final class LocalApiBridge implements HttpRequestHandler {

    private final HttpApiServer httpApi;
    private final IdGenerator ids;

    /** @param httpApi the {@code httpApi} function bean */
    public LocalApiBridge(HttpApiServer httpApi, IdGenerator ids) {
        this.httpApi = httpApi;
        this.ids = ids;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        httpApi.serve(toEvent(request), new ServletOutput(response));
    }

    /** Writes JSON answers whole, and flushes every chunk of any other content type (a stream). */
    private static final class ServletOutput implements ResponseOutput {

        private final HttpServletResponse response;
        private boolean streaming;

        ServletOutput(HttpServletResponse response) {
            this.response = response;
        }

        @Override
        public void head(int status, Map<String, String> headers) {
            response.setStatus(status);
            headers.forEach(response::setHeader);
            String type = headers.getOrDefault("Content-Type", "application/json");
            streaming = !type.startsWith("application/json");
            if (streaming) {
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
            }
        }

        @Override
        public void write(String chunk) {
            writeBuffered(chunk);
            if (streaming) {
                flush();
            }
        }

        @Override
        public void writeBuffered(String chunk) {
            try {
                byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
                if (!streaming) {
                    response.setContentLength(bytes.length);
                }
                response.getOutputStream().write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void flush() {
            try {
                response.flushBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    APIGatewayV2HTTPEvent toEvent(HttpServletRequest request) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), String.join(",", Collections.list(request.getHeaders(name))));
        }
        byte[] body = readAtMost(request.getInputStream(), request.getContentLengthLong(),
                HttpApiFunction.MAX_BODY_BYTES + 1);
        String text = utf8(body);
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(request.getMethod())
                .withPath(path)
                .withProtocol(request.getProtocol())
                .withSourceIp(request.getRemoteAddr())
                .withUserAgent(request.getHeader("User-Agent"))
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http)
                .withRequestId(ids.next("req"))
                .withTimeEpoch(System.currentTimeMillis())
                .withRouteKey("$default")
                .withStage("$default")
                .withDomainName(request.getServerName())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(request.getQueryString() == null ? "" : request.getQueryString())
                .withHeaders(headers)
                .withBody(body.length == 0 ? null : text != null ? text : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && text == null)
                .withRequestContext(context)
                .build();
    }

    /**
     * Reads up to {@code limit} bytes, enough for the function to see that a body is over its limit, by the request's
     * {@code Content-Length} where it is under the limit ({@link Bodies#read}).
     *
     * @param length the request's {@code Content-Length}, or -1 where it has none (chunked)
     */
    static byte[] readAtMost(InputStream in, long length, int limit) throws IOException {
        return Bodies.read(in, length, limit);
    }

    /** @return the text when the bytes are valid UTF-8, else null (the event then carries base64) */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
