package com.securemodel.functions.aws;

import com.securemodel.core.deployment.ProvisionTask;
import com.securemodel.core.deployment.ProvisioningQueue;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.functions.aws.internal.ProvisionTaskJson;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The provisioning queue on SQS: the body is {@link ProvisionTaskJson}, the delay is SQS's per-message
 * {@code DelaySeconds}, capped at its maximum of 900 seconds.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html">SendMessage</a>
 */
public final class SqsProvisioningQueue implements ProvisioningQueue {

    /** SQS's maximum per-message delay. */
    static final int MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsProvisioningQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(ProvisionTask task, Duration delay) {
        int seconds = delaySeconds(delay);
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(ProvisionTaskJson.write(task))
                    .delaySeconds(seconds));
        } catch (SdkException e) {
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The provisioning queue is unavailable; retry shortly", e);
        }
    }

    static int delaySeconds(Duration delay) {
        if (delay == null || delay.isNegative()) {
            return 0;
        }
        return (int) Math.min(MAX_DELAY_SECONDS, delay.toSeconds());
    }
}
