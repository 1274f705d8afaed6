package com.securemodel.localstack.internal.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3's event notifications for the local cloud: for each object created under a rule's bucket and key prefix, sends
 * the {@code s3:ObjectCreated:*} event JSON (event version 2.1, the shape Lambda's {@code S3Event} and the batch
 * runner read) to the rule's SQS queue with the SQS query API, which ElasticMQ serves without a signature.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">Event
 *      message structure</a>
 */
public final class S3EventNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(S3EventNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Objects created in {@code bucket} with a key starting with {@code prefix} go to {@code queueUrl}. */
    record Rule(String bucket, String prefix, String queueUrl) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String region;
    private LongSupplier sizes = () -> -1;

    S3EventNotifier(String region) {
        this.region = region;
    }

    /** Adds a rule, as {@code PutBucketNotificationConfiguration} with a prefix filter and an SQS target does. */
    public void notify(String bucket, String prefix, String queueUrl) {
        rules.add(new Rule(bucket, prefix, queueUrl));
    }

    void objectCreated(String how, String bucket, String key, String etag) {
        for (Rule rule : rules) {
            if (rule.bucket().equals(bucket) && key.startsWith(rule.prefix())) {
                send(rule.queueUrl(), event(how, bucket, key, etag));
            }
        }
    }

    private String event(String how, String bucket, String key, String etag) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        ObjectNode record = records.addObject();
        record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", region)
                .put("eventTime", Instant.now().toString()).put("eventName", "ObjectCreated:" + how);
        record.putObject("userIdentity").put("principalId", "local");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "local-batch-input");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket)
                .putObject("ownerIdentity").put("principalId", "local");
        s3.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("eTag", etag == null ? "" : etag.replace("\"", ""))
                .put("sequencer", Long.toHexString(System.nanoTime()).toUpperCase());
        return root.toString();
    }

    private void send(String queueUrl, String body) {
        String form = "Action=SendMessage&MessageBody=" + URLEncoder.encode(body, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(queueUrl)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warn("S3 event to {} answered {}", queueUrl, response.statusCode());
            }
        } catch (IOException e) {
            LOG.warn("S3 event to {} failed: {}", queueUrl, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
