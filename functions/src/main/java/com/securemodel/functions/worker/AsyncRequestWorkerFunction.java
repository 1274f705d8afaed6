package com.securemodel.functions.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.securemodel.core.async.AsyncRequestService;
import com.securemodel.functions.aws.SqsAsyncQueue;
import com.securemodel.functions.http.HttpApiFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker of requests accepted with {@code Prefer: respond-async}: the SQS-triggered function
 * {@code asyncRequestWorker}. Each message names a stored request, which runs once through its route
 * ({@link HttpApiFunction#replay}); its answer is stored for the client to read. A message whose request is already
 * finished (a duplicate delivery) changes nothing; one whose run should be tried later (the deployment stayed at
 * capacity, the runtime was unavailable) is reported in {@code batchItemFailures}.
 */
public final class AsyncRequestWorkerFunction implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncRequestWorkerFunction.class);

    private final AsyncRequestService requests;
    private final HttpApiFunction httpApi;

    public AsyncRequestWorkerFunction(AsyncRequestService requests, HttpApiFunction httpApi) {
        this.requests = requests;
        this.httpApi = httpApi;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            if (!handle(message)) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private boolean handle(SQSEvent.SQSMessage message) {
        MDC.put("messageId", message.getMessageId());
        try {
            SqsAsyncQueue.Message task;
            try {
                task = SqsAsyncQueue.read(message.getBody());
            } catch (IllegalArgumentException e) {
                LOG.error("Dropping a message that is not a queued request");
                return true;
            }
            try {
                requests.run(task.clientId(), task.requestId(), httpApi::replay);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("Queued request {} will be tried again: {}", task.requestId(), e.getClass().getSimpleName());
                return false;
            }
        } finally {
            MDC.remove("messageId");
        }
    }
}
