package com.securemodel.functions.webhook;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.webhook.TargetPolicy;
import com.securemodel.core.webhook.WebhookService;
import com.securemodel.functions.aws.DynamoDbWebhookStore;
import com.securemodel.functions.aws.SqsWebhookQueue;
import com.securemodel.functions.config.AwsResources;
import com.securemodel.functions.worker.WebhookWorkerFunction;
import java.net.InetAddress;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Webhooks: the service (also the deployments' event publisher, see {@code CoreServicesConfiguration}), its
 * DynamoDB store, SQS queue, the guarded sender and the {@code webhookWorker} function.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    @Profile("!local")
    WebhookResources webhookResources(WebhookProperties properties) {
        return new WebhookResources(properties.queueUrl(), null);
    }

    /** The SSRF guard: public https only, unless local mode allows loopback receivers. */
    @Bean
    TargetPolicy webhookTargetPolicy(WebhookProperties properties) {
        return properties.allowLoopback() ? TargetPolicy.allowingLoopback(InetAddress::getAllByName)
                : TargetPolicy.publicHttpsOnly(InetAddress::getAllByName);
    }

    @Bean
    SqsWebhookQueue webhookQueue(SqsClient sqs, WebhookResources resources) {
        return new SqsWebhookQueue(sqs, resources.queueUrl());
    }

    @Bean
    WebhookService webhookService(DynamoDbClient dynamoDb, AwsResources resources, SqsWebhookQueue queue,
                                  TargetPolicy targets, WebhookProperties properties, Clock clock, IdGenerator ids) {
        return new WebhookService(new DynamoDbWebhookStore(dynamoDb, resources.tableName(), clock), queue,
                new GuardedHttpSender(targets, properties.connectTimeout(), properties.timeout()), targets,
                properties.backoff(), clock, ids);
    }

    /** {@code spring.cloud.function.definition=webhookWorker} on the webhook queue's Lambda. */
    @Bean
    WebhookWorkerFunction webhookWorker(WebhookService webhooks, SqsWebhookQueue queue) {
        return new WebhookWorkerFunction(webhooks, queue);
    }
}
