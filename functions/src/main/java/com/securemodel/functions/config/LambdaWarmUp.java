package com.securemodel.functions.config;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cold start on Lambda: while Spring Boot prepares its environment and logging on the main thread, a second thread
 * loads what the context and the first request need next: the classes a cold start loads, from a list in load order;
 * then, by use, Jackson with the API Gateway event types, and the first request's DynamoDB calls through the SDK's
 * whole pipeline, answered in memory (as Spring Boot's own background pre-initializer does for Spring's classes). It
 * only loads classes and runs their static initializers: the client it builds holds a made-up key, opens no
 * connection (its HTTP client answers in memory) and is closed; nothing it makes is kept (a SnapStart snapshot holds
 * the loaded classes, no state). It runs only under a Lambda runtime ({@code AWS_LAMBDA_RUNTIME_API} set) whose
 * memory gives it two vCPUs ({@link #TWO_VCPUS_MB}), or where {@code -Dsecuremodel.lambda.warm-up=true}; never where
 * {@code =false}; once; a failure is ignored (the main thread then loads the same classes).
 */
public final class LambdaWarmUp implements ApplicationListener<ApplicationStartingEvent> {

    /** System property that turns the warm-up on ({@code true}) or off ({@code false}) whatever the memory. */
    public static final String SWITCH = "securemodel.lambda.warm-up";
    /**
     * The memory from which a function has two vCPUs of time: Lambda gives CPU in proportion to memory, one vCPU at
     * 1,769 MB. Below it the second thread only takes time from the main one: at the stack's 2,048 MB (1.16 vCPUs,
     * emulated with a CPU quota) the warm-up made {@code /health} 300 ms slower and an authenticated call 120 ms
     * slower, where on two full cores it made them 190 and 720 ms faster.
     */
    static final int TWO_VCPUS_MB = 2 * 1769;

    /** The classes to preload, one name a line, in load order. */
    static final String CLASS_LIST = "/lambda/preload-classes.txt";

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final String WARM_UP_TABLE = "warm-up";

    private final Map<String, String> environment;

    public LambdaWarmUp() {
        this(System.getenv());
    }

    LambdaWarmUp(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        if (enabled() && STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("lambda-warm-up").start(() -> warmUp());
        }
    }

    /**
     * @return whether this process is a Lambda function's with at least two vCPUs of time (by its memory), or the
     *         warm-up is switched on ({@code true}); never when switched off ({@code false})
     */
    boolean enabled() {
        if (environment.get("AWS_LAMBDA_RUNTIME_API") == null) {
            return false;
        }
        String forced = System.getProperty(SWITCH);
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        try {
            return Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "0"))
                    >= TWO_VCPUS_MB;
        } catch (NumberFormatException e) {
            return false;
        }
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
        ClassLoader loader = LambdaWarmUp.class.getClassLoader();
        try (InputStream in = LambdaWarmUp.class.getResourceAsStream(CLASS_LIST)) {
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
            try (InputStream in = LambdaWarmUp.class.getResourceAsStream("/snapstart/health.json")) {
                if (in == null) {
                    return false;
                }
                json.readValue(in, APIGatewayV2HTTPEvent.class);
            }
            json.writeValueAsBytes(APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{}").build());
            UrlConnectionHttpClient.create().close();
            // the first request's DynamoDB calls (key, rate-limit lease, tier, query), marshalled, signed with a key
            // that opens nothing and answered by CannedAnswers: the SDK's request and response paths, no network
            try (DynamoDbClient client = DynamoDbClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("warm", "up")))
                    .httpClient(new CannedAnswers()).build()) {
                Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("w"),
                        "sk", AttributeValue.fromS("w"));
                client.getItem(r -> r.tableName(WARM_UP_TABLE).key(key));
                client.updateItem(r -> r.tableName(WARM_UP_TABLE).key(key).updateExpression("ADD n :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                client.query(r -> r.tableName(WARM_UP_TABLE).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("w"))));
            }
            return true;
        } catch (Exception | LinkageError e) {
            // only a warm-up: the request path loads the same classes when it needs them
            return false;
        }
    }
}
