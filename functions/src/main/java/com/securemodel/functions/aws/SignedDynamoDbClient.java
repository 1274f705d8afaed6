package com.securemodel.functions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.DualstackEnabledProvider;
import software.amazon.awssdk.awscore.endpoint.FipsEnabledProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionSizeLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReplicatedWriteConflictException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.paginators.QueryIterable;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The DynamoDB operations the service uses, each as one SigV4-signed {@code POST} of the AWS JSON 1.0 protocol
 * ({@code X-Amz-Target: DynamoDB_20120810.<Operation>}), without the SDK client's request pipeline, as
 * {@link SignedInvokeEndpoint} does for SageMaker. The SDK's model classes stay the interface: requests are written
 * and answers read through the fields each model class describes itself by ({@link AwsJson}), so the stores are
 * unchanged. What the SDK client cost and this does not: building it (about 170 ms and 900 classes at a Lambda cold
 * start, 370 of them the region and service metadata the SDK's client builder loads to name a signing region), and
 * on every call its interceptors, endpoint-rules and auth-scheme resolution, execution attributes and metrics.
 *
 * <p>Kept from the SDK: the endpoint rules (the regional URL, FIPS and dual-stack as the SDK's settings ask), the
 * credentials provider (asked on every attempt), the HTTP client ({@link BufferedPostHttpClient}) and the model's
 * exceptions. Answers as the SDK client does: the modelled exception of an error ({@link
 * ConditionalCheckFailedException} with the item it was asked to return, {@link TransactionCanceledException} with
 * its cancellation reasons, the throttling ones, ...; any other code a {@link DynamoDbException} with that code), an
 * I/O failure as an {@link SdkClientException}; a body whose {@code x-amz-crc32} does not match is an I/O failure.
 * Retried as the SDK retries DynamoDB: at most 9 attempts, after a throttling answer (its codes, with
 * {@code TransactionInProgressException}), an error the SDK calls transient whatever its status
 * ({@code PriorRequestNotComplete}, {@code RequestTimeout}, {@code RequestTimeoutException}, {@code InternalError}),
 * a 500, 502, 503 or 504, a timed-out attempt or an I/O failure, with full-jitter backoff from 25 ms (from 500 ms
 * after throttling, each wait at most 20 s); each attempt bounded by the attempt timeout, the whole call (attempts
 * and waits) by the call timeout, as the SDK's {@code apiCallAttemptTimeout} and {@code apiCallTimeout}. An answer
 * that cannot be read is a client error, not retried; an error answer that is not JSON is the error of its status.
 * Not done: adjusting for a skewed clock and retrying its errors (Lambda's clock is synchronised).
 *
 * <p>Any operation not forwarded here is the interface's default, {@link UnsupportedOperationException};
 * {@code LazyAwsClientsTest} fails the build when the service calls one.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html">
 *      DynamoDB low-level API</a>
 */
public final class SignedDynamoDbClient implements DynamoDbClient {

    private static final String TARGET = "DynamoDB_20120810.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String SERVICE_ID = "DynamoDb";
    /**
     * The SDK's DynamoDB retries (its {@code DynamoDbRetryPolicy}): 9 attempts, full jitter from 25 ms, from 500 ms
     * after a throttling answer, each wait at most 20 s; all within the call timeout.
     */
    static final SignedPost.Retries RETRIES = new SignedPost.Retries(9, 25, 500);
    private static final java.util.Set<Integer> RETRYABLE_STATUS = java.util.Set.of(500, 502, 503, 504);
    /** The codes the SDK retries whatever the status (its {@code AwsErrorCode.RETRYABLE_ERROR_CODES}). */
    private static final java.util.Set<String> RETRYABLE_CODES = java.util.Set.of("PriorRequestNotComplete",
            "RequestTimeout", "RequestTimeoutException", "InternalError");

    private final SignedPost post;
    private final String path;
    private final Duration callTimeout;
    private final Duration attemptTimeout;
    private final SignedPost.Retries retries;

    private SignedDynamoDbClient(SignedPost post, Duration callTimeout, Duration attemptTimeout,
                                 SignedPost.Retries retries) {
        this.post = post;
        this.path = post.basePath().isEmpty() ? "/" : post.basePath();
        this.callTimeout = callTimeout;
        this.attemptTimeout = attemptTimeout;
        this.retries = retries;
    }

    /**
     * @param endpointOverride DynamoDB's URL (the local cloud's); null: the region's, by the SDK's endpoint rules,
     *                         FIPS or dual-stack where the SDK's settings ask for it
     * @param callTimeout the whole call, retries included
     * @param attemptTimeout one attempt
     */
    public static SignedDynamoDbClient create(SdkHttpClient http, AwsCredentialsProvider credentials, String region,
                                              URI endpointOverride, Duration callTimeout, Duration attemptTimeout) {
        return create(http, credentials, region, endpointOverride, callTimeout, attemptTimeout, RETRIES);
    }

    /** {@link #create} with other retries (tests: shorter waits). */
    static SignedDynamoDbClient create(SdkHttpClient http, AwsCredentialsProvider credentials, String region,
                                       URI endpointOverride, Duration callTimeout, Duration attemptTimeout,
                                       SignedPost.Retries retries) {
        URI endpoint = endpointOverride;
        if (endpoint == null) {
            boolean fips = FipsEnabledProvider.builder().build().isFipsEnabled().orElse(false);
            boolean dualStack = DualstackEnabledProvider.builder().build().isDualstackEnabled().orElse(false);
            endpoint = DynamoDbEndpointProvider.defaultProvider()
                    .resolveEndpoint(p -> p.region(Region.of(region)).useFips(fips).useDualStack(dualStack))
                    .join().url();
        }
        return new SignedDynamoDbClient(new SignedPost(http, credentials, endpoint, region, SERVICE_NAME),
                callTimeout, attemptTimeout, retries);
    }

    /** @return where calls go */
    public URI endpoint() {
        return post.endpoint();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return call("GetItem", request, GetItemResponse.builder());
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return call("PutItem", request, PutItemResponse.builder());
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return call("UpdateItem", request, UpdateItemResponse.builder());
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return call("DeleteItem", request, DeleteItemResponse.builder());
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return call("Query", request, QueryResponse.builder());
    }

    /** The SDK's paginator over this client's {@code Query}. */
    @Override
    public QueryIterable queryPaginator(QueryRequest request) {
        return new QueryIterable(this, request);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return call("Scan", request, ScanResponse.builder());
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return call("BatchGetItem", request, BatchGetItemResponse.builder());
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return call("BatchWriteItem", request, BatchWriteItemResponse.builder());
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        return call("TransactGetItems", request, TransactGetItemsResponse.builder());
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return call("TransactWriteItems", request, TransactWriteItemsResponse.builder());
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        return call("CreateTable", request, CreateTableResponse.builder());
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        return call("DescribeTable", request, DescribeTableResponse.builder());
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
        return call("UpdateTimeToLive", request, UpdateTimeToLiveResponse.builder());
    }

    /** The SDK's waiters, over this client's {@code DescribeTable}. */
    @Override
    public DynamoDbWaiter waiter() {
        return DynamoDbWaiter.builder().client(this).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** Nothing of its own to close: the HTTP client is the application's. */
    @Override
    public void close() {
    }

    private <T> T call(String operation, SdkPojo request, SdkResponse.Builder response) {
        long deadline = System.nanoTime() + callTimeout.toNanos();
        byte[] body = AwsJson.write(request);
        Map<String, String> headers = Map.of("content-type", CONTENT_TYPE, "x-amz-target", TARGET + operation,
                "content-length", Integer.toString(body.length));
        return SignedPost.retrying(retries, deadline, SignedDynamoDbClient::retryable,
                () -> attempt(headers, body, deadline, response));
    }

    private <T> T attempt(Map<String, String> headers, byte[] body, long callDeadline, SdkResponse.Builder response) {
        long attemptDeadline = System.nanoTime() + attemptTimeout.toNanos();
        boolean callEndsFirst = callDeadline - attemptDeadline <= 0;
        Supplier<SdkException> timeout = callEndsFirst
                ? () -> ApiCallTimeoutException.create(callTimeout.toMillis())
                : () -> ApiCallAttemptTimeoutException.create(attemptTimeout.toMillis());
        SignedPost.Answer answer = post.send(path, path, headers, body,
                callEndsFirst ? callDeadline : attemptDeadline, timeout);
        SdkHttpResponse head = answer.head();
        checkCrc32(head, answer.body());
        if (!head.isSuccessful()) { // a body that is not DynamoDB's JSON (a proxy's page): the error of its status
            throw error(head, AwsJson.parseOrEmpty(answer.body()));
        }
        JsonNode json;
        try {
            json = AwsJson.parse(answer.body());
        } catch (IOException e) {
            throw unreadable(head, e);
        }
        response.sdkHttpResponse(head);
        try {
            return AwsJson.read(json, (SdkPojo) response);
        } catch (RuntimeException e) { // a member of the wrong type, bad base64 or number: as the SDK, a client error
            throw unreadable(head, e);
        }
    }

    /** An answer that cannot be read: not retried (the same answer would come again). */
    private static SdkClientException unreadable(SdkHttpResponse head, Exception cause) {
        return SdkClientException.builder().message("Unable to read DynamoDB's answer (HTTP " + head.statusCode()
                + ")").cause(new IllegalStateException(cause.getMessage(), cause)).build();
    }

    /** DynamoDB's checksum of the body it sent ({@code x-amz-crc32}), checked as the SDK checks it. */
    private static void checkCrc32(SdkHttpResponse head, byte[] body) {
        String expected = head.firstMatchingHeader("x-amz-crc32").orElse(null);
        if (expected == null) {
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        if (!Long.toString(crc.getValue()).equals(expected.strip())) {
            throw SdkClientException.builder().message("DynamoDB's answer does not match its x-amz-crc32 checksum")
                    .cause(new IOException("CRC32 mismatch")).build();
        }
    }

    /** The model's exception for an error answer, its modelled members read from the body. */
    static AwsServiceException error(SdkHttpResponse head, JsonNode json) {
        String code = AwsJson.errorCode(json.path("__type").asText(head.firstMatchingHeader("x-amzn-ErrorType")
                .orElse("")));
        String message = AwsJson.errorMessage(json);
        DynamoDbException.Builder builder = exception(code);
        if (builder instanceof SdkPojo modelled) { // the modelled exceptions' members: Item, CancellationReasons
            try {
                AwsJson.readFields(json, modelled);
            } catch (RuntimeException e) {
                // members that cannot be read are left out; the code, message and status still tell the error
            }
        }
        builder.message(message).statusCode(head.statusCode())
                .requestId(head.firstMatchingHeader("x-amzn-RequestId").orElse(null))
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code.isEmpty() ? null : code)
                        .errorMessage(message).serviceName(SERVICE_ID).sdkHttpResponse(head).build());
        return (AwsServiceException) builder.build();
    }

    private static DynamoDbException.Builder exception(String code) {
        return switch (code) {
            case "ConditionalCheckFailedException" -> ConditionalCheckFailedException.builder();
            case "TransactionCanceledException" -> TransactionCanceledException.builder();
            case "TransactionConflictException" -> TransactionConflictException.builder();
            case "TransactionInProgressException" -> TransactionInProgressException.builder();
            case "ProvisionedThroughputExceededException" -> ProvisionedThroughputExceededException.builder();
            case "RequestLimitExceeded" -> RequestLimitExceededException.builder();
            case "ThrottlingException" -> ThrottlingException.builder();
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "ResourceInUseException" -> ResourceInUseException.builder();
            case "LimitExceededException" -> LimitExceededException.builder();
            case "ItemCollectionSizeLimitExceededException" -> ItemCollectionSizeLimitExceededException.builder();
            case "IdempotentParameterMismatchException" -> IdempotentParameterMismatchException.builder();
            case "ReplicatedWriteConflictException" -> ReplicatedWriteConflictException.builder();
            case "InternalServerError" -> InternalServerErrorException.builder();
            default -> DynamoDbException.builder();
        };
    }

    private static boolean retryable(SdkException failure) {
        if (failure instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            return aws.isThrottlingException() || RETRYABLE_STATUS.contains(aws.statusCode())
                    || code != null && RETRYABLE_CODES.contains(code);
        }
        // an attempt that timed out, an I/O failure or a damaged answer; not the call's own time running out
        return failure instanceof ApiCallAttemptTimeoutException || failure.getCause() instanceof IOException;
    }
}
