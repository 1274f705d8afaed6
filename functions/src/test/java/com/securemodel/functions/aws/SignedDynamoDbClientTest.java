package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link SignedDynamoDbClient} against the SDK's own DynamoDB client, both over an HTTP client that records each
 * request and answers from a script: the same bodies sent for the same requests (every attribute type, nested
 * lists and maps, transactions, table creation), the same responses read from the same answers, the same exceptions
 * for the same errors; retries after throttling and a damaged answer.
 */
class SignedDynamoDbClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "secret-key"));
    private static final URI ENDPOINT = URI.create("http://dynamodb.test:8000");

    /** Records every request and answers from its script (200 "{}" once the script is empty). */
    private static final class ScriptedHttp implements SdkHttpClient {
        final List<SdkHttpRequest> requests = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        final Deque<Object[]> script = new ArrayDeque<>();

        void answer(int status, String body, boolean withCrc) {
            script.add(new Object[] {status, body, withCrc});
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    requests.add(request.httpRequest());
                    try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
                        bodies.add(in.readAllBytes());
                    }
                    Object[] next = script.isEmpty() ? new Object[] {200, "{}", true} : script.poll();
                    byte[] body = ((String) next[1]).getBytes(StandardCharsets.UTF_8);
                    CRC32 crc = new CRC32();
                    crc.update(body);
                    SdkHttpResponse.Builder head = SdkHttpResponse.builder().statusCode((Integer) next[0])
                            .putHeader("Content-Type", "application/x-amz-json-1.0")
                            .putHeader("Content-Length", Integer.toString(body.length))
                            .putHeader("x-amzn-RequestId", "req-" + requests.size());
                    head.putHeader("x-amz-crc32", (Boolean) next[2] ? Long.toString(crc.getValue()) : "12345");
                    return HttpExecuteResponse.builder().response(head.build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
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

    private final ScriptedHttp ours = new ScriptedHttp();
    private final ScriptedHttp sdks = new ScriptedHttp();
    /** The SDK's DynamoDB retries (9 attempts), with 1 ms waits. */
    private final DynamoDbClient client = SignedDynamoDbClient.create(ours, CREDENTIALS, "us-east-1", ENDPOINT,
            Duration.ofSeconds(10), Duration.ofSeconds(4), new SignedPost.Retries(9, 1, 1));
    private final DynamoDbClient sdk = DynamoDbClient.builder().httpClient(sdks).region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS).endpointOverride(ENDPOINT).build();

    private static final Map<String, AttributeValue> ITEM = Map.of(
            "pk", AttributeValue.fromS("client#c-1"),
            "n", AttributeValue.fromN("42.5"),
            "b", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes\u0000\u00ff")),
            "ss", AttributeValue.fromSs(List.of("a", "b")),
            "ns", AttributeValue.fromNs(List.of("1", "2")),
            "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))),
            "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(AttributeValue.fromBool(true),
                    AttributeValue.fromNul(true), AttributeValue.fromM(Map.of()))))),
            "empty", AttributeValue.fromL(List.of()),
            "unicode", AttributeValue.fromS("é \"quoted\" \n ünïcødé 🙂"));

    /** The same request through both clients: the same body, and the same response read from the same answer. */
    private <T> void same(Function<DynamoDbClient, T> call, String answer) throws IOException {
        ours.answer(200, answer, true);
        sdks.answer(200, answer, true);
        T mine = call.apply(client);
        T theirs = call.apply(sdk);
        assertThat(json(ours.bodies.getLast())).isEqualTo(json(sdks.bodies.getLast()));
        assertThat(ours.requests.getLast().firstMatchingHeader("X-Amz-Target"))
                .isEqualTo(sdks.requests.getLast().firstMatchingHeader("X-Amz-Target"));
        assertThat(ours.requests.getLast().firstMatchingHeader("Content-Type"))
                .isEqualTo(sdks.requests.getLast().firstMatchingHeader("Content-Type"));
        // the models' own comparison of every member (their equals also compares the HTTP response objects)
        assertThat(((software.amazon.awssdk.core.SdkPojo) mine).equalsBySdkFields(theirs))
                .as("%s read as %s", theirs, mine).isTrue();
    }

    private static JsonNode json(byte[] body) throws IOException {
        return JSON.readTree(body);
    }

    @Test
    void writesTheSdksBodies_andReadsItsResponses_forEveryOperationTheServiceUses() throws IOException {
        String item = JSON.writeValueAsString(Map.of("Item", JSON.readTree(AwsJson.write(
                software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder().item(ITEM).build()))
                .get("Item")));
        same(c -> c.putItem(r -> r.tableName("t").item(ITEM).conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)), "{}");
        same(c -> c.getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("a")))
                .consistentRead(true)), item);
        same(c -> c.getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("gone")))), "{}");
        same(c -> c.updateItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("a")))
                .updateExpression("ADD n :one SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":s", AttributeValue.fromS("x")))
                .returnValues(ReturnValue.ALL_NEW)), "{\"Attributes\":" + JSON.readTree(item).get("Item") + "}");
        same(c -> c.query(r -> r.tableName("t").indexName("expiry").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("a"))).limit(25).scanIndexForward(false)
                .exclusiveStartKey(Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromS("b")))),
                "{\"Count\":1,\"ScannedCount\":3,\"Items\":[" + JSON.readTree(item).get("Item") + "],"
                        + "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"S\":\"c\"}},"
                        + "\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":0.5}}");
        same(c -> c.deleteItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("a")))
                .conditionExpression("attribute_exists(pk)")), "{}");
        same(c -> c.transactWriteItems(r -> r.clientRequestToken("token-1").transactItems(
                t -> t.put(p -> p.tableName("t").item(ITEM)),
                t -> t.update(u -> u.tableName("t").key(Map.of("pk", AttributeValue.fromS("q")))
                        .updateExpression("ADD n :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))),
                t -> t.conditionCheck(k -> k.tableName("t").key(Map.of("pk", AttributeValue.fromS("c")))
                        .conditionExpression("attribute_exists(pk)")),
                t -> t.delete(d -> d.tableName("t").key(Map.of("pk", AttributeValue.fromS("d")))))), "{}");
        same(c -> c.batchWriteItem(r -> r.requestItems(Map.of("t", List.of(
                software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                        .putRequest(p -> p.item(ITEM)).build())))),
                "{\"UnprocessedItems\":{\"t\":[{\"PutRequest\":{\"Item\":" + JSON.readTree(item).get("Item")
                        + "}}]}}");
        same(c -> c.createTable(r -> r.tableName("t").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .globalSecondaryIndexes(g -> g.indexName("i").keySchema(k -> k.attributeName("pk").keyType("HASH"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))),
                "{\"TableDescription\":{\"TableName\":\"t\",\"TableStatus\":\"CREATING\","
                        + "\"CreationDateTime\":1.764720000123E9,\"ItemCount\":0}}");
        same(c -> c.describeTable(r -> r.tableName("t")),
                "{\"Table\":{\"TableName\":\"t\",\"TableStatus\":\"ACTIVE\",\"CreationDateTime\":1764720000.5}}");
        same(c -> c.updateTimeToLive(r -> r.tableName("t").timeToLiveSpecification(t -> t.attributeName("ttl")
                .enabled(true))), "{\"TimeToLiveSpecification\":{\"AttributeName\":\"ttl\",\"Enabled\":true}}");
    }

    @Test
    void pagesAQuery_throughTheInterfacesPaginator() {
        ours.answer(200, "{\"Count\":1,\"Items\":[{\"pk\":{\"S\":\"1\"}}],\"LastEvaluatedKey\":{\"pk\":{\"S\":\"1\"}}}",
                true);
        ours.answer(200, "{\"Count\":1,\"Items\":[{\"pk\":{\"S\":\"2\"}}]}", true);
        List<String> keys = client.queryPaginator(r -> r.tableName("t").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("x")))).items().stream()
                .map(i -> i.get("pk").s()).toList();
        assertThat(keys).containsExactly("1", "2");
        assertThat(new String(ours.bodies.get(1), StandardCharsets.UTF_8))
                .contains("\"ExclusiveStartKey\":{\"pk\":{\"S\":\"1\"}}");
    }

    @Test
    void errors_areTheSdksExceptions_withTheirModelledMembers() {
        String failed = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                + "\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"a\"}}}";
        ours.answer(400, failed, true);
        sdks.answer(400, failed, true);
        ConditionalCheckFailedException mine = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> client.putItem(r -> r.tableName("t").item(ITEM)));
        ConditionalCheckFailedException theirs = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> sdk.putItem(r -> r.tableName("t").item(ITEM)));
        assertThat(mine.item()).isEqualTo(theirs.item()).containsKey("pk");
        assertThat(mine.awsErrorDetails().errorCode()).isEqualTo(theirs.awsErrorDetails().errorCode());
        assertThat(mine.statusCode()).isEqualTo(400);
        assertThat(mine.requestId()).isEqualTo("req-1");
        // the SDK's pipeline appends its attempt count; the rest is the same
        assertThat(theirs.getMessage()).isEqualTo(mine.getMessage() + " (SDK Attempt Count: 1)");

        String cancelled = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"Message\":\"Transaction cancelled\",\"CancellationReasons\":[{\"Code\":\"None\"},"
                + "{\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional request failed\"},"
                + "{\"Code\":\"TransactionConflict\"}]}";
        ours.answer(400, cancelled, true);
        TransactionCanceledException transaction = catchThrowableOfType(TransactionCanceledException.class,
                () -> client.transactWriteItems(r -> r.transactItems(t -> t.put(p -> p.tableName("t").item(ITEM)))));
        assertThat(transaction.cancellationReasons()).extracting(r -> r.code())
                .containsExactly("None", "ConditionalCheckFailed", "TransactionConflict");
        assertThat(transaction.getMessage()).startsWith("Transaction cancelled");

        ours.answer(400, "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                + "\"message\":\"One or more parameter values were invalid\"}", true);
        DynamoDbException invalid = catchThrowableOfType(DynamoDbException.class,
                () -> client.getItem(r -> r.tableName("t")));
        assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(invalid.isThrottlingException()).isFalse();
        assertThat(ours.requests).hasSize(3); // none of them retried
    }

    @Test
    void throttlingAndADamagedAnswer_areRetried_aValidationErrorIsNot() {
        ours.answer(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                + "\"message\":\"slow down\"}", true);
        ours.answer(200, "{\"Item\":{\"pk\":{\"S\":\"damaged\"}}}", false);
        ours.answer(200, "{\"Item\":{\"pk\":{\"S\":\"a\"}}}", true);
        assertThat(client.getItem(r -> r.tableName("t")).item().get("pk").s()).isEqualTo("a");
        assertThat(ours.requests).hasSize(3);

        for (int i = 0; i < 9; i++) {
            ours.answer(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\"}", true);
        }
        DynamoDbException failed = catchThrowableOfType(DynamoDbException.class,
                () -> client.getItem(r -> r.tableName("t")));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(ours.requests).hasSize(12); // nine attempts, as the SDK makes for DynamoDB, then the last failure

        for (int i = 0; i < 9; i++) {
            ours.answer(200, "{\"Item\":{\"pk\":{\"S\":\"damaged\"}}}", false);
        }
        assertThat(catchThrowableOfType(SdkClientException.class, () -> client.getItem(r -> r.tableName("t"))))
                .hasMessageContaining("x-amz-crc32");
        assertThat(ours.requests).hasSize(21);

        ours.answer(501, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#NotImplemented\"}", true);
        assertThat(catchThrowableOfType(DynamoDbException.class, () -> client.getItem(r -> r.tableName("t")))
                .statusCode()).isEqualTo(501);
        assertThat(ours.requests).as("a 501 is not retried").hasSize(22);
    }

    /**
     * The errors the SDK calls transient whatever their status, and one it does not: each answered once, then the
     * item; both clients make as many attempts (the SDK's client is the reference).
     */
    @Test
    void transientErrorCodes_areRetriedAsTheSdkRetriesThem_aValidationErrorIsNot() {
        for (String code : List.of("PriorRequestNotComplete", "RequestTimeout", "RequestTimeoutException",
                "InternalError", "TransactionInProgressException", "ValidationException")) {
            for (ScriptedHttp http : List.of(ours, sdks)) {
                http.requests.clear();
                http.script.clear();
                http.answer(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\",\"message\":\"m\"}",
                        true);
                http.answer(200, "{\"Item\":{\"pk\":{\"S\":\"a\"}}}", true);
            }
            int[] attempts = new int[2];
            List<DynamoDbClient> clients = List.of(client, sdk);
            for (int i = 0; i < 2; i++) {
                DynamoDbClient each = clients.get(i);
                try {
                    each.getItem(r -> r.tableName("t"));
                } catch (DynamoDbException e) {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                }
                attempts[i] = (i == 0 ? ours : sdks).requests.size();
            }
            assertThat(attempts[0]).as(code).isEqualTo(attempts[1])
                    .isEqualTo(code.equals("ValidationException") ? 1 : 2);
        }
    }

    @Test
    void anAnswerThatCannotBeRead_isAClientError_notRetried_andAnErrorPageIsTheErrorOfItsStatus() {
        ours.answer(200, "{\"Item\":{\"b\":{\"B\":\"not base64!\"}}}", true);
        assertThat(catchThrowableOfType(SdkClientException.class, () -> client.getItem(r -> r.tableName("t"))))
                .hasMessageContaining("Unable to read");
        ours.answer(200, "<html>not json</html>", true);
        assertThat(catchThrowableOfType(SdkClientException.class, () -> client.getItem(r -> r.tableName("t"))))
                .hasMessageContaining("Unable to read");
        assertThat(ours.requests).hasSize(2);

        ours.answer(413, "<html>Request Entity Too Large</html>", true);
        DynamoDbException tooLarge = catchThrowableOfType(DynamoDbException.class,
                () -> client.putItem(r -> r.tableName("t").item(ITEM)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    @Test
    void signsEachRequest_forDynamoDbInItsRegion() {
        client.getItem(r -> r.tableName("t"));
        SdkHttpRequest sent = ours.requests.getFirst();
        assertThat(sent.firstMatchingHeader("Authorization").orElseThrow())
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/us-east-1/dynamodb/aws4_request")
                .contains("SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-target");
        assertThat(sent.getUri().toString()).isEqualTo("http://dynamodb.test:8000/");
    }

    @Test
    void withoutAnOverride_theEndpointIsTheRegionsBySdksRules() {
        assertThat(((SignedDynamoDbClient) SignedDynamoDbClient.create(ours, CREDENTIALS, "eu-west-1", null,
                Duration.ofSeconds(1), Duration.ofSeconds(1))).endpoint())
                .isEqualTo(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));
    }
}
