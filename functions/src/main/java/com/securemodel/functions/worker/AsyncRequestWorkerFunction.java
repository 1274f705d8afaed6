package com.securemodel.functions.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.securemodel.core.async.AsyncRequestService;
import com.securemodel.functions.aws.SqsAsyncQueue;
import com.securemodel.functions.http.HttpApiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker of requests accepted with {@code Prefer: respond-async}: the SQS-triggered function
 * {@code asyncRequestWorker}. Each message names a stored request, which runs once through its route
 * ({@link HttpApiFunction#replay}); its answer is stored for the client to read. A message whose request is already
 * finished (a duplicate delivery) changes nothing; one whose run should be tried later (the deployment stayed at
 * capacity, the runtime was unavailable) is reported in {@code batchItemFailures}.
 */
public final class AsyncRequestWorkerFunction extends SqsBatchFunction {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncRequestWorkerFunction.class);

    private final AsyncRequestService requests;
    private final HttpApiFunction httpApi;

    public AsyncRequestWorkerFunction(AsyncRequestService requests, HttpApiFunction httpApi) {
        this.requests = requests;
        this.httpApi = httpApi;
    }

    @Override
    protected boolean handle(SQSEvent.SQSMessage message) {
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
    }
}
