package com.securemodel.functions.aws;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.securemodel.core.deployment.LogEntry;
import com.securemodel.core.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Runs on the local cloud; {@link DynamoDbDeploymentLogOnLocalStackIT} runs the same tests on LocalStack. */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbDeploymentLogIT {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private DynamoDbClient dynamoDb;
    private String table;
    private DynamoDbDeploymentLog log;

    @BeforeEach
    void setUp(AwsEndpoints cloud) {
        dynamoDb = LocalClients.dynamoDb(cloud);
        table = "log-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
        log = new DynamoDbDeploymentLog(dynamoDb, table, clock);
    }

    @Test
    void list_returnsNewestFirstUpToTheLimit_andOnlyThatDeployment() {
        for (int i = 0; i < 3; i++) {
            log.append(CLIENT, "dep_a", new LogEntry(clock.instant(), "info", "step " + i, "model-service", null));
            clock.advance(Duration.ofSeconds(1));
        }
        log.append(CLIENT, "dep_ab", new LogEntry(clock.instant(), "info", "other deployment", "x", null));

        assertThat(log.list(CLIENT, "dep_a", 2)).extracting(LogEntry::message).containsExactly("step 2", "step 1");
        assertThat(log.list(CLIENT, "dep_a", 10)).hasSize(3);
        assertThat(log.list(OTHER_CLIENT, "dep_a", 10)).isEmpty();
    }

    @Test
    void append_setsTtlThirtyDaysAhead() {
        log.append(CLIENT, "dep_ttl", new LogEntry(clock.instant(), "info", "created", "deployment-service", "req_1"));

        Map<String, AttributeValue> item = dynamoDb.scan(b -> b.tableName(table)).items().getFirst();
        assertThat(item.get("pk").s()).isEqualTo("CLIENT#acme");
        assertThat(item.get("sk").s()).startsWith("LOG#dep_ttl#" + clock.millis() + "#");
        assertThat(Long.parseLong(item.get("ttl").n()))
                .isCloseTo(clock.instant().plus(Duration.ofDays(30)).getEpochSecond(), within(1L));
        assertThat(log.list(CLIENT, "dep_ttl", 1).getFirst())
                .isEqualTo(new LogEntry(clock.instant(), "info", "created", "deployment-service", "req_1"));
    }
}
