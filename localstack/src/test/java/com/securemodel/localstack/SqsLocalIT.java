package com.securemodel.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

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
    void receiveMessage_beforeDelaySecondsPass_returnsNothingThenTheMessage() {
        // given
        sqs.sendMessage(s -> s.queueUrl(queueUrl).messageBody("later").delaySeconds(1));

        // when
        List<Message> early = receive(1, 0);
        List<Message> late = receive(1, 3);

        // then
        assertThat(early).isEmpty();
        assertThat(late).extracting(Message::body).containsExactly("later");
    }

    @Test
    void receiveMessage_withinVisibilityTimeout_hidesMessageUntilTimeoutPasses() {
        // given
        sqs.sendMessage(s -> s.queueUrl(queueUrl).messageBody("retry-me"));
        List<Message> first = sqs.receiveMessage(r -> r.queueUrl(queueUrl).visibilityTimeout(1)).messages();

        // when
        List<Message> whileInvisible = receive(1, 0);
        List<Message> afterTimeout = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .waitTimeSeconds(3)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();

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

    private int approximateMessages() {
        return Integer.parseInt(sqs.getQueueAttributes(g -> g.queueUrl(queueUrl)
                        .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().get("ApproximateNumberOfMessagesNotVisible"))
                + Integer.parseInt(sqs.getQueueAttributes(g -> g.queueUrl(queueUrl)
                        .attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"));
    }
}
