package com.securemodel.functions.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.securemodel.core.deployment.ProvisionTask;
import com.securemodel.core.deployment.ProvisioningService;
import com.securemodel.functions.aws.internal.ProvisionTaskJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The deployment worker: the SQS-triggered function {@code deploymentWorker}. Each record's body is a
 * {@link ProvisionTask} handed to {@link ProvisioningService#handle}; records whose handling throws are reported in
 * {@code batchItemFailures}, so SQS redelivers only those (the event source mapping needs
 * {@code ReportBatchItemFailures}).
 *
 * <p>A body that is not a provisioning message can never succeed: it is logged (without its text) and dropped,
 * not reported as failed, so it does not cycle until the DLQ.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Partial batch responses</a>
 */
public final class DeploymentWorkerFunction extends SqsBatchFunction {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentWorkerFunction.class);

    private final ProvisioningService provisioning;

    public DeploymentWorkerFunction(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    protected boolean handle(SQSEvent.SQSMessage message) {
        try {
            ProvisionTask task;
            try {
                task = ProvisionTaskJson.read(message.getBody());
            } catch (IllegalArgumentException e) {
                LOG.error("Dropping a message that is not a provisioning task: {}", e.getMessage());
                return true;
            }
            MDC.put("clientId", task.clientId().value());
            MDC.put("deploymentId", task.deploymentId());
            MDC.put("action", task.action().name());
            try {
                provisioning.handle(task);
                LOG.info("Handled {} (attempt {})", task.action(), task.attempt());
                return true;
            } catch (RuntimeException e) {
                LOG.warn("{} failed; the message will be redelivered: {}", task.action(), e.getMessage(), e);
                return false;
            }
        } finally {
            MDC.remove("clientId");
            MDC.remove("deploymentId");
            MDC.remove("action");
        }
    }
}
