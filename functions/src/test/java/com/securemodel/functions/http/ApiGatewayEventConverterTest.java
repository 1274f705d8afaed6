package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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

            APIGatewayV2HTTPEvent read = converter.read(new ByteArrayInputStream(bytes));

            assertThat(read).as(file.toString()).isEqualTo(expected);
            assertThat(read.getRequestContext()).as(file.toString()).isNotNull();
        }
    }

    /** Every member the event type has, the authorizers' included, read as the AWS serializer reads them. */
    @Test
    void readsEveryMemberOfTheEventType_asTheAwsSerializerDoes() {
        String full = """
                {"version":"2.0","routeKey":"$default","rawPath":"/v1/deployments/d 1","rawQueryString":"a=1&b=2",
                 "cookies":["c1=v1","c2=v2"],"headers":{"x-client-id":"acme","x-n":5,"x-b":true,"x-null":null},
                 "queryStringParameters":{"a":"1","b":"2"},"pathParameters":{"proxy":"v1/deployments"},
                 "stageVariables":{"s":"v"},"body":"eyJ9","isBase64Encoded":"true",
                 "requestContext":{"accountId":"123456789012","apiId":"api","domainName":"d.example.com",
                  "domainPrefix":"d","requestId":"r-1","routeKey":"$default","stage":"$default",
                  "time":"12/Mar/2020:19:03:58 +0000","timeEpoch":"1583348638390",
                  "http":{"method":"POST","path":"/v1/x","protocol":"HTTP/1.1","sourceIp":"192.0.2.1",
                   "userAgent":"agent"},
                  "authorizer":{"jwt":{"claims":{"sub":"u","n":1},"scopes":["read","write"]},
                   "lambda":{"k":"v","n":2,"nested":{"list":[1,2.5,"x",null,true]}},
                   "iam":{"accessKey":"AKIA","accountId":"1","callerId":"c","principalOrgId":"o",
                    "userArn":"arn:aws:iam::1:user/u","userId":"u",
                    "cognitoIdentity":{"amr":["foo"],"identityId":"i","identityPoolId":"p"}}}},
                 "unknown":{"ignored":[1,2]}}
                """;
        byte[] bytes = full.getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent expected = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                getClass().getClassLoader()).fromJson(new ByteArrayInputStream(bytes));

        APIGatewayV2HTTPEvent read = converter.read(new ByteArrayInputStream(bytes));

        assertThat(read).isEqualTo(expected);
        assertThat(read.getRequestContext().getAuthorizer().getIam().getCognitoIdentity()
                .getIdentityPoolId()).isEqualTo("p");
    }

    @Test
    void refusesWhatIsNotAnEvent() {
        for (String bad : List.of("[]", "\"text\"", "{\"headers\":\"x\"}", "{\"rawPath\":{\"a\":1}}",
                "{\"cookies\":{\"a\":1}}", "{\"requestContext\":[1]}", "{\"headers\":{\"a\":[1]}}", "{", "[1,", "")) {
            assertThatThrownBy(() -> converter.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRefusal_namesNoValueAndNoMemberOfTheCaller() {
        for (String bad : List.of("{\"headers\":{\"authorization\":{\"key\":\"sk-leak-1\"}}}",
                "{\"headers\":{\"x-sk-leak-1\":[1]}}", "{\"body\": sk-leak-1}", "{\"rawPath\":[\"sk-leak-1\"]}")) {
            assertThatThrownBy(() -> converter.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasNoCause()
                    .message().doesNotContain("sk-leak").doesNotContain("authorization");
        }
    }

    @Test
    void aJsonNull_isNoEvent() {
        assertThat(converter.read(new ByteArrayInputStream("null".getBytes(StandardCharsets.UTF_8)))).isNull();
    }

    @Test
    void readsScalarsAsTheBeanDeserialiserCoercesThem() {
        String text = "{\"rawPath\":\"/health\",\"isBase64Encoded\":\"true\",\"body\":\"e30=\",\"requestContext\":"
                + "{\"http\":{\"method\":\"GET\"},\"timeEpoch\":\"1700000000000\"}}";
        APIGatewayV2HTTPEvent event = converter.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(event.getRawPath()).isEqualTo("/health");
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(1_700_000_000_000L);
    }
}
