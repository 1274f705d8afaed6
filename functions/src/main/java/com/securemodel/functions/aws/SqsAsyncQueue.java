package com.securemodel.functions.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.async.AsyncQueue;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The queue of requests accepted with {@code Prefer: respond-async}: {@code {"clientId", "requestId"}} messages. */
public final class SqsAsyncQueue implements AsyncQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsAsyncQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(ClientId clientId, String requestId) {
        String body = JSON.createObjectNode().put("clientId", clientId.value()).put("requestId", requestId)
                .toString();
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        } catch (SdkException e) {
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The request queue is unavailable", e);
        }
    }

    /** A message of this queue. */
    public record Message(ClientId clientId, String requestId) {
    }

    /** @throws IllegalArgumentException when the body is not one of this queue's messages */
    public static Message read(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("clientId").isTextual() || !node.path("requestId").isTextual()) {
                throw new IllegalArgumentException("not a queued-request message");
            }
            return new Message(new ClientId(node.path("clientId").asText()), node.path("requestId").asText());
        } catch (IOException | ServiceException e) {
            throw new IllegalArgumentException("not a queued-request message");
        }
    }
}
