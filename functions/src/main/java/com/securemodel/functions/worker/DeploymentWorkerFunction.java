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
 * <p>A task that fails on its last delivery ({@code ApproximateReceiveCount} reaching {@link #MAX_RECEIVES}, the
 * queue's {@code maxReceiveCount}) is not left to the dead-letter queue alone: {@link ProvisioningService#exhausted}
 * marks the deployment failed and queues its cleanup, so none stays {@code creating} or {@code deleting} forever.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Partial batch responses</a>
 */
public final class DeploymentWorkerFunction extends SqsBatchFunction {

    /** The provisioning queue's {@code maxReceiveCount} (the stack and the local cloud create it with 5). */
    public static final int MAX_RECEIVES = 5;

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
                if (receiveCount(message) >= MAX_RECEIVES) {
                    return giveUp(task, e);
                }
                LOG.warn("{} failed; the message will be redelivered: {}", task.action(), e.getMessage(), e);
                return false;
            }
        } finally {
            MDC.remove("clientId");
            MDC.remove("deploymentId");
            MDC.remove("action");
        }
    }

    private boolean giveUp(ProvisionTask task, RuntimeException cause) {
        LOG.error("{} failed on its last delivery; failing the deployment and queueing its cleanup", task.action(),
                cause);
        try {
            provisioning.exhausted(task);
            return true;
        } catch (RuntimeException alsoFailed) {
            LOG.error("Could not fail the deployment after its last delivery; the message goes to the DLQ",
                    alsoFailed);
            return false;
        }
    }
}
