package com.securemodel.functions.http.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.securemodel.core.IdGenerator;
import com.securemodel.functions.http.HttpApiFunction;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.HttpRequestHandler;

/**
 * The local web server's way into the API: each servlet request under {@link #ROUTE_PATTERNS} becomes the API
 * Gateway HTTP API (payload 2.0) event Lambda would receive, goes through the same {@code httpApi} function, and
 * its response is written back. Other paths, such as spring-cloud-function-web's {@code /<function-name>}, are
 * left to their own handlers.
 */
public final class LocalApiBridge implements HttpRequestHandler {

    /** The path patterns of every dialect's routes (later: Bytez {@code /model/**}, OpenAI {@code /chat/**}, ...). */
    public static final List<String> ROUTE_PATTERNS = List.of("/v1/**", "/health");

    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpApi;
    private final IdGenerator ids;

    /** @param httpApi the {@code httpApi} function bean */
    public LocalApiBridge(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpApi, IdGenerator ids) {
        this.httpApi = httpApi;
        this.ids = ids;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        APIGatewayV2HTTPResponse answer = httpApi.apply(toEvent(request));
        response.setStatus(answer.getStatusCode());
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach(response::setHeader);
        }
        String body = answer.getBody() == null ? "" : answer.getBody();
        byte[] bytes = answer.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    APIGatewayV2HTTPEvent toEvent(HttpServletRequest request) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), String.join(",", Collections.list(request.getHeaders(name))));
        }
        byte[] body = readAtMost(request.getInputStream(), HttpApiFunction.MAX_BODY_BYTES + 1);
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

    /** Reads up to {@code limit} bytes: enough for the function to see that a body is over its limit. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
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
