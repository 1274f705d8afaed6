package com.securemodel.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

@ExtendWith(LocalCloudExtension.class)
class S3LocalIT {

    private final LocalCloud cloud;
    private final S3Client s3;
    private String bucket;

    S3LocalIT(LocalCloud cloud) {
        this.cloud = cloud;
        this.s3 = AwsClients.s3(cloud);
    }

    @Test
    void putUnderNotifiedPrefix_sendsObjectCreatedEventToTheQueue_otherKeysDoNot() throws Exception {
        // given
        try (SqsClient sqs = AwsClients.sqs(cloud)) {
            String queueUrl = sqs.createQueue(b -> b.queueName("events-" + UUID.randomUUID())).queueUrl();
            cloud.notifyObjectCreated(bucket, "batch-input/", queueUrl);

            // when
            s3.putObject(p -> p.bucket(bucket).key("other/x.txt"), RequestBody.fromString("no"));
            s3.putObject(p -> p.bucket(bucket).key("batch-input/c1/dep/my file.jsonl"), RequestBody.fromString("hi"));

            // then
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2))
                    .messages();
            assertThat(messages).hasSize(1);
            JsonNode record = new ObjectMapper().readTree(messages.getFirst().body()).path("Records").get(0);
            assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
            assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
            assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo(bucket);
            assertThat(record.path("s3").path("object").path("key").asText())
                    .isEqualTo("batch-input/c1/dep/my+file.jsonl");
        }
    }

    @BeforeEach
    void createBucket() {
        bucket = "batch-" + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }

    @Test
    void createBucket_onLocalCloud_isListed() {
        assertThat(s3.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo(bucket));
    }

    @Test
    void getObject_afterPut_returnsSameBytes() {
        // given
        s3.putObject(p -> p.bucket(bucket).key("prompts/a.jsonl").contentType("application/x-ndjson"),
                RequestBody.fromString("{\"prompt\":\"hi\"}\n"));

        // when
        var object = s3.getObjectAsBytes(g -> g.bucket(bucket).key("prompts/a.jsonl"));

        // then
        assertThat(object.asUtf8String()).isEqualTo("{\"prompt\":\"hi\"}\n");
        assertThat(object.response().contentType()).isEqualTo("application/x-ndjson");
    }

    @Test
    void listObjects_withPrefix_returnsOnlyKeysUnderThatPrefix() {
        // given
        for (String key : new String[] {"prompts/a.jsonl", "prompts/b.jsonl", "results/a.jsonl"}) {
            s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(key));
        }

        // when
        var listing = s3.listObjectsV2(l -> l.bucket(bucket).prefix("prompts/"));

        // then
        assertThat(listing.contents()).extracting(S3Object::key).containsExactly("prompts/a.jsonl", "prompts/b.jsonl");
    }
}
