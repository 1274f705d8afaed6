package com.securemodel.functions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.DualstackEnabledProvider;
import software.amazon.awssdk.awscore.endpoint.FipsEnabledProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.endpoints.SageMakerRuntimeEndpointProvider;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalDependencyException;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.awssdk.services.sagemakerruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * {@code InvokeEndpoint} as one SigV4-signed {@code POST /endpoints/<name>/invocations}, without the SDK client's
 * request pipeline: the generate path's one AWS call. Profiled at 16 concurrent generations, that pipeline
 * (interceptors, marshalling, endpoint and auth-scheme resolution, execution attributes, metrics) took a third of the
 * request threads' CPU, and its SigV4 signer another tenth. What else a call needs is kept from the SDK: its endpoint
 * rules (the regional URL), its credentials provider (asked on every call, so refreshed credentials are used) and its
 * HTTP client ({@link BufferedPostHttpClient}); {@link SigV4} signs as the SDK's signer does, keeping the day's key.
 *
 * <p>Answers as the SDK client does: the response body on success; on failure the same exceptions, read from the
 * {@code x-amzn-ErrorType} header and the JSON body ({@code ModelError} with its original status and message,
 * {@code ValidationError}, {@code ModelNotReadyException}, {@code ServiceUnavailable}, {@code InternalFailure},
 * {@code InternalDependencyException}, any other code as a {@link SageMakerRuntimeException}, throttling included),
 * and an I/O failure as an {@link SdkClientException}. Retried like the SDK's standard mode: at most 3 attempts, after
 * a throttling answer, a 500, 502, 503 or 504, or an I/O failure other than a timeout (a generation that took
 * longer than the read timeout is not run again), with full-jitter backoff from 100 ms. The call's timeout bounds the
 * whole call, attempts and waits together, as the SDK's {@code apiCallTimeout} does: an attempt still running then is
 * aborted, and the call fails with the SDK's {@link ApiCallTimeoutException}.
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">InvokeEndpoint</a>
 */
public final class SignedInvokeEndpoint {

    private static final String SERVICE = "sagemaker";
    /** The SDK's standard mode for SageMaker Runtime: 3 attempts, full jitter from 100 ms. */
    private static final SignedPost.Retries RETRIES = new SignedPost.Retries(3, 100, 100);

    private final SignedPost post;
    private final Duration callTimeout;

    private SignedInvokeEndpoint(SdkHttpClient http, AwsCredentialsProvider credentials, URI endpoint, String region,
                                 Duration callTimeout) {
        this.post = new SignedPost(http, credentials, endpoint, region, SERVICE);
        this.callTimeout = callTimeout;
    }

    /**
     * @param endpointOverride the runtime's URL (the local cloud's); null: the region's, by the SDK's endpoint rules,
     *                         FIPS or dual-stack where the SDK's settings ask for it ({@code AWS_USE_FIPS_ENDPOINT},
     *                         {@code AWS_USE_DUALSTACK_ENDPOINT} or their system properties and profile keys)
     * @param callTimeout the whole call, retries included
     */
    public static SignedInvokeEndpoint create(SdkHttpClient http, AwsCredentialsProvider credentials, String region,
                                              URI endpointOverride, Duration callTimeout) {
        // FIPS and dual-stack as the SDK client would read them: system property, environment, profile file
        boolean fips = FipsEnabledProvider.builder().build().isFipsEnabled().orElse(false);
        boolean dualStack = DualstackEnabledProvider.builder().build().isDualstackEnabled().orElse(false);
        URI endpoint = endpointOverride != null ? endpointOverride
                : SageMakerRuntimeEndpointProvider.defaultProvider()
                        .resolveEndpoint(p -> p.region(Region.of(region)).useFips(fips).useDualStack(dualStack))
                        .join().url();
        return new SignedInvokeEndpoint(http, credentials, endpoint, region, callTimeout);
    }

    /** @return where calls go: the runtime's base URL */
    public URI endpoint() {
        return post.endpoint();
    }

    /**
     * @return the response body of a 2xx answer
     * @throws SdkException as the SDK client throws it
     */
    public byte[] invoke(String endpointName, String contentType, String accept, byte[] body) {
        long deadline = System.nanoTime() + callTimeout.toNanos();
        String path = post.basePath() + "/endpoints/" + SigV4.encode(endpointName) + "/invocations";
        String canonicalUri = post.basePath() + "/endpoints/" + SigV4.encode(SigV4.encode(endpointName))
                + "/invocations";
        Map<String, String> headers = Map.of("accept", accept, "content-type", contentType,
                "content-length", Integer.toString(body.length));
        return SignedPost.retrying(RETRIES, deadline, SignedInvokeEndpoint::retryable,
                () -> attempt(path, canonicalUri, headers, body, deadline));
    }

    private byte[] attempt(String path, String canonicalUri, Map<String, String> headers, byte[] body,
                           long deadline) {
        SignedPost.Answer answer = post.send(path, canonicalUri, headers, body, deadline,
                () -> ApiCallTimeoutException.create(callTimeout.toMillis()));
        if (answer.head().isSuccessful()) {
            return answer.body();
        }
        throw error(answer.head(), answer.body());
    }

    /** The SDK's exception for an error answer. */
    static AwsServiceException error(SdkHttpResponse head, byte[] answer) {
        JsonNode json = AwsJson.parseOrEmpty(answer);
        String code = AwsJson.errorCode(head.firstMatchingHeader("x-amzn-ErrorType")
                .orElseGet(() -> json.path("__type").asText("")));
        String message = AwsJson.errorMessage(json);
        String requestId = head.firstMatchingHeader("x-amzn-RequestId").orElse(null);
        int status = head.statusCode();
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code.isEmpty() ? null : code)
                .errorMessage(message).serviceName("SageMakerRuntime").sdkHttpResponse(head).build();
        return switch (code) {
            case "ModelError" -> ModelErrorException.builder().message(message).statusCode(status)
                    .requestId(requestId).awsErrorDetails(details)
                    .originalStatusCode(json.path("OriginalStatusCode").canConvertToInt()
                            ? json.get("OriginalStatusCode").asInt() : null)
                    .originalMessage(json.path("OriginalMessage").isTextual()
                            ? json.get("OriginalMessage").asText() : null)
                    .logStreamArn(json.path("LogStreamArn").isTextual() ? json.get("LogStreamArn").asText() : null)
                    .build();
            case "ValidationError" -> ValidationErrorException.builder().message(message).statusCode(status)
                    .requestId(requestId).awsErrorDetails(details).build();
            case "ModelNotReadyException" -> ModelNotReadyException.builder().message(message).statusCode(status)
                    .requestId(requestId).awsErrorDetails(details).build();
            case "ServiceUnavailable" -> ServiceUnavailableException.builder().message(message).statusCode(status)
                    .requestId(requestId).awsErrorDetails(details).build();
            case "InternalFailure" -> InternalFailureException.builder().message(message).statusCode(status)
                    .requestId(requestId).awsErrorDetails(details).build();
            case "InternalDependencyException" -> InternalDependencyException.builder().message(message)
                    .statusCode(status).requestId(requestId).awsErrorDetails(details).build();
            default -> SageMakerRuntimeException.builder().message(message).statusCode(status)
                    .requestId(requestId).awsErrorDetails(details).build();
        };
    }

    private static boolean retryable(SdkException failure) {
        if (failure instanceof AwsServiceException aws) {
            int status = aws.statusCode();
            return aws.isThrottlingException() || status == 500 || status == 502 || status == 503 || status == 504;
        }
        // an I/O failure; not a timeout: a read that timed out waited the whole attempt, the generation may have run
        Throwable cause = failure.getCause();
        return cause instanceof IOException && !(cause instanceof InterruptedIOException);
    }
}
