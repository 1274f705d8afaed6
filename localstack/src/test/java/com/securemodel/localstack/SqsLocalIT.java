package com.securemodel.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

@ExtendWith(LocalCloudExtension.class)
class SqsLocalIT {

    private final SqsClient sqs;
    private String queueUrl;

    SqsLocalIT(LocalCloud cloud) {
        this.sqs = AwsClients.sqs(cloud);
    }

    @BeforeEach
    void createQueue() {
        queueUrl = sqs.createQueue(c -> c.queueName("jobs-" + UUID.randomUUID())).queueUrl();
    }

    @AfterEach
    void closeClient() {
        sqs.close();
    }

    @Test
    void createQueue_onLocalCloud_returnsUrlOnTheSqsEndpoint(LocalCloud cloud) {
        assertThat(queueUrl).startsWith(cloud.sqsEndpoint().toString() + "/");
    }

    @Test
    void receiveMessage_afterSend_returnsBodyAndDeleteRemovesIt() {
        // given
        String messageId = sqs.sendMessage(s -> s.queueUrl(queueUrl).messageBody("{\"job\":\"provision\"}")).messageId();

        // when
        List<Message> received = receive(1, 0);
        sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(received.getFirst().receiptHandle()));

        // then
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(messageId);
            assertThat(m.body()).isEqualTo("{\"job\":\"provision\"}");
        });
        assertThat(approximateMessages()).isZero();
    }

    @Test
    void receiveMessage_beforeDelaySecondsPass_returnsNothingThenTheMessage() throws InterruptedException {
        // given
        sqs.sendMessage(s -> s.queueUrl(queueUrl).messageBody("later").delaySeconds(1));
        long sentAt = System.nanoTime();

        // when
        List<Message> early = receive(1, 0);
        List<Message> late = receiveWithin(Duration.ofSeconds(3), r -> r);

        // then
        assertThat(early).isEmpty();
        assertThat(late).extracting(Message::body).containsExactly("later");
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void receiveMessage_withinVisibilityTimeout_hidesMessageUntilTimeoutPasses() throws InterruptedException {
        // given
        sqs.sendMessage(s -> s.queueUrl(queueUrl).messageBody("retry-me"));
        List<Message> first = sqs.receiveMessage(r -> r.queueUrl(queueUrl).visibilityTimeout(1)).messages();

        // when
        List<Message> whileInvisible = receive(1, 0);
        List<Message> afterTimeout = receiveWithin(Duration.ofSeconds(3),
                r -> r.messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));

        // then
        assertThat(first).extracting(Message::body).containsExactly("retry-me");
        assertThat(whileInvisible).isEmpty();
        assertThat(afterTimeout).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("retry-me");
            assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        });
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(waitSeconds))
                .messages();
    }

    /** Polls without long polling, which ElasticMQ does not end early when a delay or visibility timeout ends. */
    private List<Message> receiveWithin(Duration timeout, UnaryOperator<ReceiveMessageRequest.Builder> options)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Message> messages = List.of();
        while (messages.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            messages = sqs.receiveMessage(options.apply(ReceiveMessageRequest.builder().queueUrl(queueUrl)).build())
                    .messages();
        }
        return messages;
    }

    private int approximateMessages() {
        var attributes = sqs.getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }
}
