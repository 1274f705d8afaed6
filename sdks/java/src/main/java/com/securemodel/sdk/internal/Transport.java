package com.securemodel.sdk.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.securemodel.sdk.SecureModelException;
import com.securemodel.sdk.ServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sends calls to the API: credentials, JSON both ways, retries with backoff on 429, 5xx and network failures for
 * calls that may be repeated, and the mapping of error answers to {@link SecureModelException}s.
 */
public final class Transport {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final String USER_AGENT = "paitient-secure-model-java/0.1.0";

    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final String clientId;
    private final Duration timeout;
    private final Backoff backoff;

    public Transport(HttpClient http, String baseUrl, String apiKey, String clientId, Duration timeout,
                     Backoff backoff) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.clientId = clientId;
        this.timeout = timeout;
        this.backoff = backoff;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Sends the call and reads the answer as {@code type}. */
    public <T> T send(Call call, Class<T> type) {
        return read(send(call), JSON.constructType(type));
    }

    /** Sends the call and reads the answer's member {@code field} as a list of {@code type}. */
    public <T> List<T> sendList(Call call, String field, Class<T> type) {
        JsonNode answer = send(call);
        return read(answer.path(field), JSON.getTypeFactory().constructCollectionType(List.class, type));
    }

    /** Sends the call and answers the JSON body. */
    public JsonNode send(Call call) {
        HttpResponse<String> response = exchange(call, HttpResponse.BodyHandlers.ofString(), body -> body);
        try {
            return response.body() == null || response.body().isBlank()
                    ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ServiceException("invalid_response", "The service answered something other than JSON",
                    response.headers().firstValue("X-Request-ID").orElse(null), response.statusCode(), e);
        }
    }

    /** Sends the call and answers the body's lines as they arrive; close the stream to stop reading. */
    public Stream<String> lines(Call call) {
        return exchange(call, HttpResponse.BodyHandlers.ofLines(),
                lines -> lines.collect(Collectors.joining("\n"))).body();
    }

    public static <T> T read(JsonNode node, JavaType type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <B> HttpResponse<B> exchange(Call call, HttpResponse.BodyHandler<B> handler,
                                         java.util.function.Function<B, String> errorBody) {
        HttpRequest request = request(call);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<B> response;
            try {
                response = http.send(request, handler);
            } catch (IOException e) {
                if (call.retryable() && attempt < backoff.maxRetries()) {
                    backoff.pause(attempt, null);
                    continue;
                }
                throw new ServiceException("connection_error", "Could not reach " + baseUrl + ": " + e,
                        null, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException("interrupted", "Interrupted while calling the service", null, 0, e);
            }
            int status = response.statusCode();
            if (status < 300) {
                return response;
            }
            String body = errorBody.apply(response.body());
            Duration retryAfter = Errors.retryAfter(response.headers());
            if ((status == 429 || status >= 500) && call.retryable() && attempt < backoff.maxRetries()
                    && backoff.waitsFor(retryAfter)) {
                backoff.pause(attempt, retryAfter);
                continue;
            }
            throw Errors.toException(status, body, response.headers());
        }
    }

    private HttpRequest request(Call call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(call))
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("X-Client-ID", clientId)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        call.headers().forEach(builder::setHeader);
        if (call.body() == null) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                builder.header("Content-Type", "application/json")
                        .method(call.method(),
                                HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(call.body())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builder.build();
    }

    private URI uri(Call call) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (Map.Entry<String, Object> parameter : call.query().entrySet()) {
            List<?> values = parameter.getValue() instanceof List<?> list ? list : List.of(parameter.getValue());
            for (Object value : values) {
                query.add(encode(parameter.getKey()) + "=" + encode(String.valueOf(value)));
            }
        }
        return URI.create(baseUrl + call.path() + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
