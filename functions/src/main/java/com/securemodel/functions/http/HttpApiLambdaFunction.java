package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * The Lambda function {@code httpApi}: an API Gateway HTTP API event (payload format 2.0) as Lambda hands it over,
 * answered by {@link HttpApiFunction} and written back as the response JSON API Gateway reads.
 *
 * <p>Why bytes and not the event types: for a function that takes a stream, the AWS adapter's
 * {@code FunctionInvoker} passes the invocation's bytes straight through; for one that takes the event type it first
 * parses every event into a map (to look for API Gateway's members and copy its headers into the message) and then
 * converts it again for the function, and it writes the response through Jackson's bean serialisation. The event is
 * read here once, as a tree ({@link ApiGatewayEventConverter#read}), and the response is written member by member.
 * Every warm request paid the second parse; at a cold start the time from the adapter's call to the route lookup
 * went from about 85 to 40 ms (class-load timeline), and an authenticated cold start's CPU time fell by about 140 ms.
 *
 * <p>The response has the members the adapter wrote for {@link APIGatewayV2HTTPResponse} (its bean properties, null
 * ones as {@code null}); {@code HttpApiLambdaFunctionTest} holds the two to the same JSON. It leaves as a message of
 * bytes marked {@code application/octet-stream}: the adapter asks for JSON, and a bare {@code byte[]} would go
 * through its JSON converter, which decodes and parses every answer to see that it is JSON; marked as bytes, its
 * byte-array converter passes it through.
 */
public final class HttpApiLambdaFunction implements Function<InputStream, Message<byte[]>> {

    private static final JsonFactory JSON = new JsonFactory();

    private final HttpApiFunction http;
    private final ApiGatewayEventConverter events = new ApiGatewayEventConverter();

    public HttpApiLambdaFunction(HttpApiFunction http) {
        this.http = http;
    }

    /**
     * @throws IllegalArgumentException when the bytes are not an API Gateway HTTP API event: the invocation fails,
     *         as it did when the adapter could not convert the event
     */
    @Override
    public Message<byte[]> apply(InputStream invocation) {
        APIGatewayV2HTTPEvent event = events.read(invocation);
        if (event == null) {
            throw new IllegalArgumentException("Not an API Gateway HTTP API event (payload format 2.0): null");
        }
        return MessageBuilder.withPayload(write(http.apply(event)))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_OCTET_STREAM_VALUE).build();
    }

    /** @return the response as API Gateway reads it: its six members, null ones as {@code null} */
    static byte[] write(APIGatewayV2HTTPResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(response.getBody()));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", response.getStatusCode());
            json.writeFieldName("headers");
            writeMap(json, response.getHeaders());
            json.writeFieldName("multiValueHeaders");
            writeListMap(json, response.getMultiValueHeaders());
            json.writeFieldName("cookies");
            writeList(json, response.getCookies());
            json.writeStringField("body", response.getBody());
            json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the response", e); // not thrown by an in-memory stream
        }
        return out.toByteArray();
    }

    private static int length(String body) {
        return body == null ? 0 : body.length();
    }

    private static void writeMap(JsonGenerator json, Map<String, String> map) throws IOException {
        if (map == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static void writeListMap(JsonGenerator json, Map<String, List<String>> map) throws IOException {
        if (map == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<String, List<String>> entry : map.entrySet()) {
            json.writeFieldName(entry.getKey());
            writeList(json, entry.getValue());
        }
        json.writeEndObject();
    }

    private static void writeList(JsonGenerator json, List<String> list) throws IOException {
        if (list == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (String value : list) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
