package com.securemodel.functions.aws;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.InvocationResult;
import com.securemodel.core.hosting.ModelInvoker;
import com.securemodel.core.hosting.TextSink;
import com.securemodel.functions.aws.internal.SseDecoder;
import com.securemodel.functions.aws.internal.TgiJson;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * The SageMaker runtime with the TGI-compatible container format ({@link TgiJson}). Failures become
 * {@link ServiceException}s whose messages never carry the container's text unless it is one of TGI's parameter
 * validation messages (which name a parameter, never the prompt).
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">InvokeEndpoint</a>
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpointWithResponseStream.html">InvokeEndpointWithResponseStream</a>
 */
public final class SageMakerModelInvoker implements ModelInvoker {

    private static final String JSON = "application/json";
    /** TGI's parameter checks, for example {@code `top_p` must be > 0.0 and < 1.0}: safe to show. */
    private static final Pattern PARAMETER_MESSAGE = Pattern.compile("`[a-z_]+` (must|supports) [^\"\\n]{0,120}");

    private static final byte[] END_OF_STREAM = new byte[0];

    /** One {@code InvokeEndpoint} with a JSON body: the answer's body, or the SDK's exception. */
    @FunctionalInterface
    public interface InvokeEndpoint {

        byte[] invoke(String endpointName, byte[] body);

        /** Through the SDK's client (the batch runner's way). */
        static InvokeEndpoint sdk(SageMakerRuntimeClient runtime) {
            return (endpointName, body) -> runtime.invokeEndpoint(b -> b.endpointName(endpointName)
                    .contentType(JSON).accept(JSON).body(SdkBytes.fromByteArray(body))).body().asByteArray();
        }

        /** As one signed request without the SDK client's pipeline (the API's way: {@link SignedInvokeEndpoint}). */
        static InvokeEndpoint signed(SignedInvokeEndpoint call) {
            return (endpointName, body) -> call.invoke(endpointName, JSON, JSON, body);
        }
    }

    private final Supplier<InvokeEndpoint> runtimeFactory;
    private volatile InvokeEndpoint runtime;
    private final Supplier<SageMakerRuntimeAsyncClient> asyncRuntime;

    /**
     * @param asyncRuntime the async client for streaming, asked for on the first stream only
     */
    public SageMakerModelInvoker(SageMakerRuntimeClient runtime, Supplier<SageMakerRuntimeAsyncClient> asyncRuntime) {
        this(() -> InvokeEndpoint.sdk(runtime), asyncRuntime);
    }

    /**
     * @param runtime the way to call, asked for on the first call only (a process that never generates, or its cold
     *                start, does not build it); the invoker then holds it itself, so a call goes straight to it
     *                (a Spring {@code @Lazy} proxy in between costs a reflective call on every invocation)
     * @param asyncRuntime the async client for streaming, asked for on the first stream only
     */
    public SageMakerModelInvoker(Supplier<InvokeEndpoint> runtime,
                                 Supplier<SageMakerRuntimeAsyncClient> asyncRuntime) {
        this.runtimeFactory = runtime;
        this.asyncRuntime = asyncRuntime;
    }

    private InvokeEndpoint runtime() {
        InvokeEndpoint call = runtime;
        if (call == null) {
            call = runtimeFactory.get();
            runtime = call;
        }
        return call;
    }

    @Override
    public InvocationResult invoke(String endpointName, InvocationRequest request) {
        try {
            byte[] body = runtime().invoke(endpointName, TgiJson.request(request, false));
            return request.chat() ? TgiJson.chatResponse(body, request.inputLength())
                    : TgiJson.response(body, request.prompt());
        } catch (SdkException e) {
            throw translate(endpointName, e);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "The model on endpoint " + endpointName
                    + " answered in an unexpected format", e);
        }
    }

    @Override
    public InvocationResult stream(String endpointName, InvocationRequest request, Consumer<String> onToken) {
        AtomicReference<InvocationResult> last = new AtomicReference<>();
        TgiJson.ChatStream chat = request.chat() ? new TgiJson.ChatStream(request.inputLength()) : null;
        SseDecoder decoder = new SseDecoder(data -> {
            if (chat != null) {
                String text = chat.accept(data);
                if (text != null) {
                    onToken.accept(text);
                }
                return;
            }
            TgiJson.StreamEvent event = TgiJson.streamEvent(data, request.prompt());
            if (event.tokenText() != null) {
                onToken.accept(event.tokenText());
            }
            if (event.last() != null) {
                last.set(event.last());
            }
        });
        // the event loop only hands payload parts over; decoding and the caller's writes happen on this thread, so
        // a slow client never holds up the shared event loop (and other streams with it)
        BlockingQueue<byte[]> parts = new LinkedBlockingQueue<>();
        InvokeEndpointWithResponseStreamResponseHandler handler = InvokeEndpointWithResponseStreamResponseHandler
                .builder()
                .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadPart(part -> parts.add(part.bytes().asByteArray())).build())
                .build();
        CompletableFuture<Void> call = asyncRuntime.get().invokeEndpointWithResponseStream(b -> b
                .endpointName(endpointName).contentType(JSON).accept("text/event-stream")
                .body(SdkBytes.fromByteArray(TgiJson.request(request, true))), handler);
        call.whenComplete((done, failure) -> parts.add(END_OF_STREAM));
        try {
            TextSink batching = onToken instanceof TextSink sink ? sink : null;
            for (byte[] part = take(parts, call); part != END_OF_STREAM; part = take(parts, call)) {
                decoder.accept(part);
                if (batching != null && parts.isEmpty()) {
                    batching.idle();
                }
            }
            call.join();
            decoder.finish();
            if (chat != null) {
                last.set(chat.result());
            }
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SdkException sdk && !(sdk.getCause() instanceof IllegalArgumentException)) {
                throw translate(endpointName, sdk);
            }
            throw unexpectedStream(endpointName);
        } catch (IllegalArgumentException e) {
            call.cancel(true);
            throw unexpectedStream(endpointName);
        } catch (RuntimeException e) {
            call.cancel(true);
            throw e;
        }
        if (last.get() == null) {
            throw new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "The model stream of endpoint " + endpointName
                    + " ended without a final event");
        }
        return last.get();
    }

    private static byte[] take(BlockingQueue<byte[]> parts, CompletableFuture<Void> call) {
        try {
            return parts.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The stream was interrupted", e);
        }
    }

    /** No cause: what failed to parse is model output. */
    private static ServiceException unexpectedStream(String endpointName) {
        return new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "The model stream of endpoint " + endpointName
                + " failed or answered in an unexpected format");
    }

    private static ServiceException translate(String endpointName, SdkException e) {
        if (e instanceof ModelStreamErrorException stream) {
            // like a ModelError: the container's text may quote the prompt or the completion
            return new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "The model on endpoint " + endpointName
                    + " failed while streaming (" + stream.errorCode() + ")",
                    new ContainerFailure(endpointName, 500, stream.requestId()));
        }
        if (e instanceof ModelErrorException model) {
            int status = model.originalStatusCode() == null ? 500 : model.originalStatusCode();
            // the container's text may quote the prompt: keep it out of messages, causes and logs
            RuntimeException cause = new ContainerFailure(endpointName, status, model.requestId());
            if (status >= 400 && status < 500) {
                String text = TgiJson.errorText(model.originalMessage());
                String safe = text != null && PARAMETER_MESSAGE.matcher(text).matches() ? ": " + text : "";
                return new ServiceException(ErrorCode.VALIDATION_ERROR, "The model rejected the generation "
                        + "parameters" + safe + "; check max_tokens, temperature, top_p and stop", cause);
            }
            // the model server behind the endpoint failed: a bad gateway, not a conflict
            return new ServiceException(ErrorCode.DEPLOYMENT_ERROR, 502, "The model on endpoint " + endpointName
                    + " failed to generate (container status " + status + ")", cause);
        }
        if (e instanceof ValidationErrorException || e instanceof ModelNotReadyException) {
            return new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "Endpoint " + endpointName
                    + " is not in service", e);
        }
        if (e instanceof AwsServiceException aws && aws.isThrottlingException()) {
            return new ServiceException(ErrorCode.RATE_LIMIT_EXCEEDED, "Endpoint " + endpointName
                    + " is busy; retry with backoff", e);
        }
        return new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The model runtime is unavailable; retry shortly",
                e);
    }

    /** A model error without the container's text (which may quote the prompt). */
    private static final class ContainerFailure extends RuntimeException {
        ContainerFailure(String endpointName, int status, String requestId) {
            super("ModelError from endpoint " + endpointName + ": container status " + status + ", request id "
                    + requestId, null, false, false);
        }
    }
}
