package com.securemodel.functions.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.audit.CallJournal;
import com.securemodel.core.audit.CallRecord;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageEvent;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.functions.aws.DynamoDbAuditStore;
import com.securemodel.functions.aws.DynamoDbDeploymentLog;
import com.securemodel.functions.aws.DynamoDbTables;
import com.securemodel.functions.aws.DynamoDbUsageStore;
import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.LocalCloudExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A normal shutdown (the application context closing, as Spring's shutdown hook does on SIGTERM and the web server's
 * stop does) writes the usage and the audit records still held in memory, before the DynamoDB client is closed. The
 * recorder and the journal are given a flush interval of a day, so nothing but the shutdown can have written them.
 */
@ExtendWith(LocalCloudExtension.class)
class FlushOnShutdownIT {

    private static final ClientId CLIENT = new ClientId("acme");

    private static DynamoDbClient dynamoDb(LocalCloud cloud) {
        return DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(cloud.accessKey(), cloud.secretKey())))
                .build();
    }

    @Test
    void closingTheContext_flushesUsageAuditRecordsAndRequestLines_beforeTheClientCloses(LocalCloud cloud) {
        String table = "shutdown-" + UUID.randomUUID();
        DynamoDbClient reader = dynamoDb(cloud);
        DynamoDbTables.createIfMissing(reader, table);
        Clock clock = Clock.systemUTC();
        Duration never = Duration.ofDays(1);
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean(DynamoDbClient.class, () -> dynamoDb(cloud), bean -> bean.setDestroyMethodName("close"));
        context.registerBean(UsageRecorder.class, () -> new UsageRecorder(
                new DynamoDbUsageStore(context.getBean(DynamoDbClient.class), table), clock, never));
        context.registerBean(CallJournal.class, () -> new CallJournal(
                new DynamoDbAuditStore(context.getBean(DynamoDbClient.class), table, DynamoDbAuditStore.DEFAULT_RETENTION),
                new DynamoDbDeploymentLog(context.getBean(DynamoDbClient.class), table, clock), clock, never));
        context.registerBean(UsageFlusher.class, () -> new UsageFlusher(context.getBean(UsageRecorder.class),
                context.getBean(CallJournal.class)));
        context.refresh();

        context.getBean(UsageRecorder.class).record(new UsageEvent(CLIENT, "dep_s", 11, 7, 120, false, clock.instant()));
        context.getBean(CallJournal.class).record(new CallRecord(CLIENT, "key_1", "dep_s",
                "POST /v1/deployments/{deployment_id}/generate", "paitient", "req_s", clock.instant(), 11, 7, 200, 120));
        assertThat(types(reader, table)).as("nothing written before the shutdown").isEmpty();

        context.close();

        assertThat(types(reader, table)).containsExactlyInAnyOrder("usage", "audit", "log");
        Map<String, AttributeValue> usage = reader.scan(b -> b.tableName(table)).items().stream()
                .filter(item -> item.get("type").s().equals("usage")).findFirst().orElseThrow();
        assertThat(usage.get("requests").n()).isEqualTo("1");
        assertThat(usage.get("promptTokens").n()).isEqualTo("11");
        reader.close();
    }

    private static List<String> types(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.scan(b -> b.tableName(table)).items().stream().map(item -> item.get("type").s()).toList();
    }
}
