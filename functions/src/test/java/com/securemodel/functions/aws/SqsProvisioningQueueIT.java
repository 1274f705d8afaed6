package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.deployment.ProvisionTask;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.ProvisionTaskJson;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Runs on the local cloud; {@link SqsProvisioningQueueOnLocalStackIT} runs the same tests on LocalStack. */
@ExtendWith(AwsBackendExtension.class)
class SqsProvisioningQueueIT {

    @Test
    void send_withDelay_isInvisibleUntilTheDelayPassed_thenRoundTrips(AwsEndpoints cloud) {
        SqsClient sqs = LocalClients.sqs(cloud);
        String url = sqs.createQueue(b -> b.queueName("provisioning-" + UUID.randomUUID())).queueUrl();
        ProvisionTask task = new ProvisionTask(new ClientId("acme"), "dep_q", ProvisionTask.Action.POLL, 3);

        new SqsProvisioningQueue(sqs, url).send(task, Duration.ofSeconds(2));

        assertThat(receive(sqs, url, 0)).isEmpty();
        List<Message> later = receive(sqs, url, 4);
        assertThat(later).singleElement().extracting(m -> ProvisionTaskJson.read(m.body())).isEqualTo(task);
    }

    private static List<Message> receive(SqsClient sqs, String url, int waitSeconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        do {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0)).messages();
            if (!messages.isEmpty()) {
                return messages;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        return List.of();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
