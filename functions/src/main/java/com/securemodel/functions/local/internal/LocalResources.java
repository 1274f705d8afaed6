package com.securemodel.functions.local.internal;

import com.securemodel.functions.aws.DynamoDbTables;
import com.securemodel.functions.config.AwsResources;
import com.securemodel.functions.webhook.WebhookResources;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates the table, the provisioning queue, the async request queue and the Bytez job queue (each with a DLQ after 5 receives). */
public final class LocalResources {

    static final int MAX_RECEIVES = 5;

    private LocalResources() {
    }

    public static AwsResources create(DynamoDbClient dynamoDb, SqsClient sqs, String table, String queueName,
                                      String jobQueueName, Duration visibilityTimeout) {
        DynamoDbTables.createIfMissing(dynamoDb, table);
        return new AwsResources(table, queueWithDlq(sqs, queueName, visibilityTimeout),
                queueWithDlq(sqs, queueName + "-async", visibilityTimeout),
                queueWithDlq(sqs, jobQueueName, visibilityTimeout));
    }

    /** @return the URL of queue {@code queueName}, created with its DLQ ({@code <name>-dlq}) */
    public static String queueWithDlq(SqsClient sqs, String queueName, Duration visibilityTimeout) {
        return queueWithDlq(sqs, queueName, visibilityTimeout, MAX_RECEIVES);
    }

    /** The webhook queue, moving a message to its DLQ after {@code maxReceives} receives (the attempts). */
    public static WebhookResources webhookQueue(SqsClient sqs, String queueName, Duration visibilityTimeout,
                                                int maxReceives) {
        String queueUrl = queueWithDlq(sqs, queueName, visibilityTimeout, maxReceives);
        return new WebhookResources(queueUrl, sqs.getQueueUrl(b -> b.queueName(queueName + "-dlq")).queueUrl());
    }

    private static String queueWithDlq(SqsClient sqs, String queueName, Duration visibilityTimeout,
                                       int maxReceives) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(queueName + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName(queueName).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"" + maxReceives + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}")))
                .queueUrl();
        return queueUrl;
    }
}
