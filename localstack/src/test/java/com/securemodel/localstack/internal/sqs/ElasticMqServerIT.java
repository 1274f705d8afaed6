package com.securemodel.localstack.internal.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class ElasticMqServerIT {

    @Test
    void close_withAClientsLongPollOpen_doesNotWaitForThePollToEnd() throws Exception {
        // given: a ReceiveMessage waiting up to 20 s on an empty queue
        ElasticMqServer server = ElasticMqServer.start(0, "us-east-1");
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .build()) {
            String queue = sqs.createQueue(c -> c.queueName("long-poll")).queueUrl();
            CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> {
                try {
                    sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(20));
                } catch (RuntimeException gone) {
                    // the server went away under it
                }
            });
            Thread.sleep(500);
            assertThat(poll).isNotDone();

            // when
            long started = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then: the stop's own bound, far from the poll's 20 s (ElasticMQ's stopAndWait waited for it)
            assertThat(took).isLessThan(ElasticMqServer.STOP_WAIT.plusSeconds(8));
        }
    }
}
