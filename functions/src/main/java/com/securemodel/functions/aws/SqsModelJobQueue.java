package com.securemodel.functions.aws;

import com.securemodel.core.bytez.ModelJobQueue;
import com.securemodel.core.bytez.ModelJobTask;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.functions.aws.internal.ModelJobTaskJson;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The Bytez job queue on SQS; the body is {@link ModelJobTaskJson}. */
public final class SqsModelJobQueue implements ModelJobQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsModelJobQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(ModelJobTask task) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(ModelJobTaskJson.write(task)));
        } catch (SdkException e) {
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The job queue is unavailable; retry shortly", e);
        }
    }
}
