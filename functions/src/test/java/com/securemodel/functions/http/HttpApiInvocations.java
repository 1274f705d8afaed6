package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.messaging.Message;

/**
 * Invokes the function {@code httpApi} from a context's catalog as Lambda's adapter ({@code FunctionInvoker}) does:
 * looked up for JSON, the event's JSON in as a stream, the response's JSON out (read back into the response type).
 */
public final class HttpApiInvocations {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HttpApiInvocations() {
    }

    public static APIGatewayV2HTTPResponse invoke(FunctionCatalog catalog, APIGatewayV2HTTPEvent event) {
        Function<Object, Object> httpApi = catalog.lookup("httpApi", "application/json");
        try {
            Message<?> request = AWSLambdaUtils.generateMessage(
                    new ByteArrayInputStream(JSON.writeValueAsBytes(event)), InputStream.class, false, null, null);
            Object answer = httpApi.apply(request);
            byte[] bytes = (byte[]) (answer instanceof Message<?> message ? message.getPayload() : answer);
            return JSON.readValue(bytes, APIGatewayV2HTTPResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
