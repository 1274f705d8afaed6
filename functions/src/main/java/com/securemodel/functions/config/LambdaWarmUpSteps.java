package com.securemodel.functions.config;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.aws.SignedDynamoDbClient;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What {@link LambdaWarmUp}'s thread does; loaded only where it runs. */
final class LambdaWarmUpSteps {

    /** The classes to preload, one name a line, in load order. */
    static final String CLASS_LIST = "/lambda/preload-classes.txt";

    private static final String WARM_UP_TABLE = "warm-up";

    private LambdaWarmUpSteps() {
    }

    /**
     * Loads, without initializing them (no static state is made), the classes that {@link #CLASS_LIST} names: those an
     * authenticated cold start loads, in the order it loads them, so that this thread runs ahead of the main thread
     * and the main thread finds them loaded and verified. A name that no longer loads is passed over (the list is
     * written by the cold-start benchmark, see the README; a stale one only warms less).
     *
     * @return how many classes it named that loaded
     */
    static int preloadListedClasses() throws IOException {
        ClassLoader loader = LambdaWarmUpSteps.class.getClassLoader();
        try (InputStream in = LambdaWarmUpSteps.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int loaded = 0;
            for (String name = lines.readLine(); name != null; name = lines.readLine()) {
                if (!name.isBlank() && !name.startsWith("#")) {
                    try {
                        Class.forName(name.strip(), false, loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError e) {
                        // gone or not loadable here: the main thread meets the same where it uses it
                    }
                }
            }
            return loaded;
        }
    }

    /** Answers every call with an empty JSON object and 200, without a connection. */
    static final class CannedAnswers implements SdkHttpClient {

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", Integer.toString(body.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    /** The classes of the first request's path, loaded by use; nothing is kept. @return whether every step ran */
    static boolean warmUp() {
        try {
            preloadListedClasses();
            ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            try (InputStream in = LambdaWarmUpSteps.class.getResourceAsStream("/snapstart/health.json")) {
                if (in == null) {
                    return false;
                }
                json.readValue(in, APIGatewayV2HTTPEvent.class);
            }
            json.writeValueAsBytes(APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{}").build());
            // the JDK's default TLS context (the trust store parsed), which the buffered POSTs to AWS use
            HttpsURLConnection.getDefaultSSLSocketFactory();
            // the first request's DynamoDB calls (key, rate-limit lease, tier, query), written, signed with a key
            // that opens nothing and answered by CannedAnswers: the request and response paths, no network
            DynamoDbClient client = SignedDynamoDbClient.create(new CannedAnswers(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("warm", "up")), "us-east-1",
                    URI.create("https://dynamodb.warm-up.invalid"), Duration.ofSeconds(5), Duration.ofSeconds(5));
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("w"),
                    "sk", AttributeValue.fromS("w"));
            client.getItem(r -> r.tableName(WARM_UP_TABLE).key(key));
            client.updateItem(r -> r.tableName(WARM_UP_TABLE).key(key).updateExpression("ADD n :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            client.query(r -> r.tableName(WARM_UP_TABLE).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("w"))));
            return true;
        } catch (Exception | LinkageError e) {
            // only a warm-up: the request path loads the same classes when it needs them
            return false;
        }
    }
}
