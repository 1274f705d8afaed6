package com.securemodel.functions.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * An SQS-triggered function that handles each record on its own and reports the ones to redeliver in
 * {@code batchItemFailures}, so SQS redelivers only those (the event source mapping needs
 * {@code ReportBatchItemFailures}). The record's message id is in the MDC while it is handled.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Partial batch responses</a>
 */
public abstract class SqsBatchFunction implements Function<SQSEvent, SQSBatchResponse> {

    @Override
    public final SQSBatchResponse apply(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            MDC.put("messageId", message.getMessageId());
            try {
                if (!handle(message)) {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder()
                            .withItemIdentifier(message.getMessageId()).build());
                }
            } finally {
                MDC.remove("messageId");
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /**
     * Handles one record. A body that can never succeed (not a message of this queue) should be logged without its
     * text and answered true, so that it does not cycle until the dead-letter queue.
     *
     * @return false when the message should be redelivered
     */
    protected abstract boolean handle(SQSEvent.SQSMessage message);

    /** @return the record's {@code ApproximateReceiveCount} (1 on its first delivery), 0 when it has none */
    protected static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
