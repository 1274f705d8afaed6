package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the harness generates it, sent either into the function as an API Gateway v2 event (duplicate
 * headers joined with commas, as API Gateway does) or over a socket to the web server.
 *
 * @param headers in order, duplicates and odd casing kept
 * @param body null for none
 */
record HttpCall(String method, String path, String query, List<Map.Entry<String, String>> headers, String body) {

    HttpCall {
        headers = List.copyOf(headers);
    }

    HttpCall withHeader(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers.stream()
                .filter(h -> !h.getKey().equalsIgnoreCase(name)).toList());
        if (value != null) {
            copy.add(Map.entry(name, value));
        }
        return new HttpCall(method, path, query, copy, body);
    }

    /** @return this call with one more header line, even when one of that name is there */
    HttpCall addHeader(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.add(Map.entry(name, value));
        return new HttpCall(method, path, query, copy, body);
    }

    HttpCall withBody(String newBody) {
        return new HttpCall(method, path, query, headers, newBody);
    }

    HttpCall withPath(String newPath) {
        return new HttpCall(method, newPath, query, headers, body);
    }

    HttpCall withMethod(String newMethod) {
        return new HttpCall(newMethod, path, query, headers, body);
    }

    HttpCall withQuery(String newQuery) {
        return new HttpCall(method, path, newQuery, headers, body);
    }

    /** @return the value of a header, case-insensitively (the first one) */
    String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    APIGatewayV2HTTPEvent toEvent() {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            merged.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + "," + b);
        }
        if (body != null) {
            merged.put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        }
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                .withProtocol("HTTP/1.1").withSourceIp("203.0.113.10").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).withRouteKey("$default")
                .withStage("$default").build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath(path)
                .withRawQueryString(query == null ? "" : query).withHeaders(merged).withBody(body)
                .withIsBase64Encoded(false).withRequestContext(context).build();
    }

    /** @return the request as HTTP/1.1 bytes (for the web server; the path and headers are sent as they are) */
    byte[] toWire(String host) {
        StringBuilder text = new StringBuilder().append(method).append(' ').append(path)
                .append(query == null || query.isEmpty() ? "" : "?" + query).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\nConnection: close\r\n");
        headers.forEach(h -> text.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        text.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        return all;
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
