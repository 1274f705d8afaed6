package com.securemodel.functions.bytez;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.securemodel.core.bytez.ModelJobService;
import com.securemodel.core.bytez.ModelJobTask;
import com.securemodel.functions.aws.internal.ModelJobTaskJson;
import com.securemodel.functions.worker.SqsBatchFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Bytez job worker: the SQS-triggered function {@code modelJobWorker}. Each record's body is a
 * {@link ModelJobTask} handed to {@link ModelJobService#handle}, which is idempotent (a redelivered task finds its
 * job ended). Records whose handling throws (an outage) are reported in {@code batchItemFailures}; a body that is not
 * a job message is logged without its text and dropped.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Partial batch responses</a>
 */
public final class ModelJobWorkerFunction extends SqsBatchFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ModelJobWorkerFunction.class);

    private final ModelJobService jobs;

    public ModelJobWorkerFunction(ModelJobService jobs) {
        this.jobs = jobs;
    }

    @Override
    protected boolean handle(SQSEvent.SQSMessage message) {
        try {
            ModelJobTask task;
            try {
                task = ModelJobTaskJson.read(message.getBody());
            } catch (IllegalArgumentException e) {
                LOG.error("Dropping a message that is not a Bytez job: {}", e.getMessage());
                return true;
            }
            MDC.put("clientId", task.clientId().value());
            MDC.put("modelId", task.modelId());
            try {
                jobs.handle(task);
                LOG.info("Handled the Bytez job");
                return true;
            } catch (RuntimeException e) {
                LOG.warn("The Bytez job failed; the message will be redelivered", e);
                return false;
            }
        } finally {
            MDC.remove("clientId");
            MDC.remove("modelId");
        }
    }
}
