package com.securemodel.functions.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the object keys of S3 {@code ObjectCreated} events from an SQS message body (keys arrive URL-encoded, a
 * space as {@code +}); S3's {@code s3:TestEvent} and anything else yields none.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">Event
 *      message structure</a>
 */
public final class S3Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Events() {
    }

    /** @return the created objects' keys, in the event's order */
    public static List<String> createdKeys(String body) {
        List<String> keys = new ArrayList<>();
        try {
            for (JsonNode record : JSON.readTree(body).path("Records")) {
                if (record.path("eventName").asText().startsWith("ObjectCreated:")) {
                    String key = record.path("s3").path("object").path("key").asText(null);
                    if (key != null) {
                        keys.add(URLDecoder.decode(key, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (JsonProcessingException e) {
            return List.of();
        }
        return keys;
    }
}
