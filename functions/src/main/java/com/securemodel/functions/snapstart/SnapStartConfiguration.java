package com.securemodel.functions.snapstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.core.IdGenerator;
import com.securemodel.core.RandomIdGenerator;
import com.securemodel.functions.aws.BufferedPostHttpClient;
import com.securemodel.functions.aws.SignedInvokeEndpoint;
import com.securemodel.functions.config.LazyAwsClient;
import com.securemodel.functions.http.routing.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Registers {@link SnapStartPriming}. Before the snapshot every function builds its DynamoDB and SQS clients and the
 * SDK's HTTP client behind them (the HTTP function also the SageMaker Runtime one), which its adapters otherwise build
 * on their first call. The HTTP function
 * is primed with the sample events {@code events/apigw} holds
 * (copied into the jar under {@code snapstart/} at build time), run as Spring Cloud Function's {@code FunctionInvoker}
 * runs an invocation: event JSON to a message, the function, the response JSON. The queue workers are not primed
 * (their events would reach AWS); every function renews its ids after a restore.
 */
@Configuration(proxyBeanMethods = false)
public class SnapStartConfiguration {

    /** Events that reach no AWS service: answered before any key lookup. */
    static final List<String> PRIMING_EVENTS = List.of("health.json", "missing-auth.json", "unknown-route.json",
            "method-not-allowed.json");
    static final String HTTP_FUNCTION = "httpApi";

    /** Not lazy (the default profile is): made at start, so that its hooks are registered before the snapshot. */
    @Bean
    @Lazy(false)
    SnapStartPriming snapStartPriming(@Value("${spring.cloud.function.definition:}") String definition,
                                      FunctionCatalog functions, JsonMapper json, IdGenerator ids,
                                      ObjectProvider<DynamoDbClient> dynamoDb, ObjectProvider<SqsClient> sqs,
                                      ObjectProvider<SignedInvokeEndpoint> runtime,
                                      ObjectProvider<SdkHttpClient> httpClient, ObjectProvider<Router> router) {
        boolean http = HTTP_FUNCTION.equals(definition);
        Runnable buildClients = () -> {
            // the beans build their clients on first call (LazyDynamoDbClient, LazySqsClient): built here, held
            for (Object client : new Object[] {dynamoDb.getIfAvailable(), sqs.getIfAvailable()}) {
                if (client instanceof LazyAwsClient<?> lazy) {
                    lazy.prepare();
                }
            }
            if (httpClient.getIfAvailable() instanceof BufferedPostHttpClient buffered) {
                buffered.prepare(); // the SDK's own HTTP client (S3 reads), which it builds on first need otherwise
            }
            if (http) {
                runtime.getIfAvailable();
                Router routes = router.getIfAvailable();
                if (routes != null) {
                    routes.routes(); // every dialect's table, made on first need otherwise (Router.lazy)
                }
            }
        };
        return new SnapStartPriming(buildClients, http ? SnapStartConfiguration::events : List::of,
                event -> invoke(functions, json, event),
                ids instanceof RandomIdGenerator random ? random::renew : () -> { }).register();
    }

    /** One invocation of the HTTP function as the AWS adapter's {@code FunctionInvoker} makes it. */
    static void invoke(FunctionCatalog functions, JsonMapper json, byte[] event) {
        FunctionInvocationWrapper function = functions.lookup(HTTP_FUNCTION, "application/json");
        Message<?> request;
        try {
            request = AWSLambdaUtils.generateMessage(new java.io.ByteArrayInputStream(event),
                    function.getInputType(), function.isSupplier(), json, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory stream
        }
        AWSLambdaUtils.generateOutputFromObject(request, function.apply(request), json, function.getOutputType());
    }

    /** The sample events, without any credential header (the requests are refused before a key is looked at). */
    static List<byte[]> events() {
        ObjectMapper mapper = new ObjectMapper();
        List<byte[]> events = new ArrayList<>();
        for (String name : PRIMING_EVENTS) {
            try (InputStream in = SnapStartConfiguration.class.getResourceAsStream("/snapstart/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("No sample event snapstart/" + name + " in the jar");
                }
                ObjectNode event = (ObjectNode) mapper.readTree(in);
                if (event.get("headers") instanceof ObjectNode headers) {
                    headers.remove(List.of("authorization", "api-key"));
                }
                events.add(mapper.writeValueAsBytes(event));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }
}
