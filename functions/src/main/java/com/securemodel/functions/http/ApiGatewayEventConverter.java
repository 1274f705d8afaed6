package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeTypeUtils;

/**
 * Reads the API Gateway (payload format 2.0) event of the {@code httpApi} function with the application's own
 * Jackson, ahead of the AWS adapter's {@code AWSTypesMessageConverter}. That one reads Lambda event types through
 * {@code aws-lambda-java-serialization}, whose shaded copy of Jackson is a second Jackson to load and initialise on
 * every cold start (about 700 classes); the event is a plain bean, so the application's Jackson reads it to the
 * same object ({@code ApiGatewayEventConverterTest} compares both on every sample event). Only reading: the
 * response is written by the adapter as before.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ApiGatewayEventConverter extends AbstractMessageConverter {

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ApiGatewayEventConverter() {
        super(MimeTypeUtils.APPLICATION_JSON);
        setStrictContentTypeMatch(false);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == APIGatewayV2HTTPEvent.class;
    }

    @Override
    protected boolean canConvertTo(Object payload, org.springframework.messaging.MessageHeaders headers) {
        return false;
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        Object payload = message.getPayload();
        if (payload instanceof APIGatewayV2HTTPEvent event) {
            return event;
        }
        byte[] bytes = payload instanceof byte[] raw ? raw
                : payload instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
        if (bytes == null) {
            return null;
        }
        try {
            return json.readValue(bytes, APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new MessageConversionException("Not an API Gateway HTTP API event (payload format 2.0)", e);
        }
    }
}
