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
import org.springframework.cloud.function.context.FunctionCatalog;

/**
 * Invokes the function {@code httpApi} from a context's catalog as Lambda's adapter does: the event as JSON in, the
 * response's JSON out (read back into the response type).
 */
public final class HttpApiInvocations {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HttpApiInvocations() {
    }

    public static APIGatewayV2HTTPResponse invoke(FunctionCatalog catalog, APIGatewayV2HTTPEvent event) {
        Function<InputStream, byte[]> httpApi = catalog.lookup(Function.class, "httpApi");
        try {
            byte[] answer = httpApi.apply(new ByteArrayInputStream(JSON.writeValueAsBytes(event)));
            return JSON.readValue(answer, APIGatewayV2HTTPResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
