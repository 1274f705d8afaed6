package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;

/** The application's Jackson reads every sample event to the same object as the AWS serialization library. */
class ApiGatewayEventConverterTest {

    private final ApiGatewayEventConverter converter = new ApiGatewayEventConverter();

    @Test
    void readsEverySampleEventAsTheAwsSerializerDoes() throws IOException {
        List<Path> events;
        try (Stream<Path> files = Files.list(Path.of("..", "events", "apigw"))) {
            events = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(events).hasSizeGreaterThan(5);
        for (Path file : events) {
            byte[] bytes = Files.readAllBytes(file);
            APIGatewayV2HTTPEvent expected = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                    getClass().getClassLoader()).fromJson(new ByteArrayInputStream(bytes));

            Object read = converter.fromMessage(MessageBuilder.withPayload(bytes).build(), APIGatewayV2HTTPEvent.class);

            assertThat(read).as(file.toString()).isEqualTo(expected);
            assertThat(((APIGatewayV2HTTPEvent) read).getRequestContext()).as(file.toString()).isNotNull();
        }
    }

    @Test
    void readsAStringPayloadAndKeepsAnEventPayload() {
        String text = "{\"rawPath\":\"/health\",\"isBase64Encoded\":true,\"body\":\"e30=\",\"requestContext\":"
                + "{\"http\":{\"method\":\"GET\"},\"timeEpoch\":1700000000000}}";
        APIGatewayV2HTTPEvent event = (APIGatewayV2HTTPEvent) converter.fromMessage(
                MessageBuilder.withPayload(text).build(), APIGatewayV2HTTPEvent.class);

        assertThat(event.getRawPath()).isEqualTo("/health");
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(1_700_000_000_000L);
        assertThat(converter.fromMessage(MessageBuilder.withPayload(event).build(), APIGatewayV2HTTPEvent.class))
                .isSameAs(event);
    }

    @Test
    void leavesOtherTypesToTheOtherConverters() {
        assertThat(converter.fromMessage(MessageBuilder.withPayload("{}".getBytes()).build(), String.class)).isNull();
        assertThat(converter.toMessage(new APIGatewayV2HTTPEvent(), null)).isNull();
    }

    @Test
    void aPayloadThatIsNotAnEventIsAConversionError() {
        assertThatThrownBy(() -> converter.fromMessage(MessageBuilder.withPayload("[1,".getBytes()).build(),
                APIGatewayV2HTTPEvent.class)).isInstanceOf(MessageConversionException.class);
    }
}
