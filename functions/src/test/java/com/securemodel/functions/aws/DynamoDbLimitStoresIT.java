package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.limits.RateLimitStore;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.PeriodTotals;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The tier, period-usage and rate-window items on the local cloud's DynamoDB, with their exact updates. */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbLimitStoresIT {

    private static final ClientId CLIENT = new ClientId("acme");
    private static final Instant DECEMBER = Instant.parse("2026-12-01T00:00:00Z");
    private final LocalClients.Recorder recorder = new LocalClients.Recorder();
    private DynamoDbClient dynamoDb;
    private String table;

    @BeforeEach
    void setUp(AwsEndpoints cloud) {
        dynamoDb = LocalClients.dynamoDb(cloud, recorder);
        table = "limits-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
    }

    @Test
    void tier_isAnItemUnderTheClientsPartition() {
        DynamoDbTierStore tiers = new DynamoDbTierStore(dynamoDb, table);
        assertThat(tiers.find(CLIENT)).isEmpty();

        tiers.set(CLIENT, "pro", DECEMBER);

        assertThat(tiers.find(CLIENT)).contains("pro");
        assertThat(tiers.find(new ClientId("globex"))).isEmpty();
        var item = dynamoDb.getItem(b -> b.tableName(table).key(java.util.Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CLIENT#acme"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("TIER")))).item();
        assertThat(item.get("tier").s()).isEqualTo("pro");
        assertThat(item.get("type").s()).isEqualTo("tier");
    }

    @Test
    void periodUsage_fromSeveralInstances_addsUp_perCalendarMonth() {
        DynamoDbPeriodUsageStore first = new DynamoDbPeriodUsageStore(dynamoDb, table);
        DynamoDbPeriodUsageStore second = new DynamoDbPeriodUsageStore(dynamoDb, table);

        first.add(List.of(new PeriodTotals(CLIENT, DECEMBER, 3, 120)));
        second.add(List.of(new PeriodTotals(CLIENT, DECEMBER, 2, 80)));

        assertThat(first.tokens(CLIENT, DECEMBER)).isEqualTo(200);
        assertThat(first.tokens(CLIENT, Instant.parse("2027-01-01T00:00:00Z"))).isZero();
        UpdateItemRequest update = recorder.of(UpdateItemRequest.class).getLast();
        assertThat(update.key().get("sk").s()).isEqualTo("PERIOD#2026-12");
        assertThat(update.updateExpression()).isEqualTo("SET #type = :type, periodStart = :start, periodEnd = :end,"
                + " #ttl = :ttl ADD requests :requests, tokens :tokens");
        assertThat(update.expressionAttributeValues().get(":end").s()).isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void rateLease_isAConditionalAdd_grantingWhatIsLeftAndNeverPastTheLimit() {
        DynamoDbRateLimitStore store = new DynamoDbRateLimitStore(dynamoDb, table);
        Instant window = Instant.parse("2026-12-02T10:00:00Z");
        Instant expires = window.plusSeconds(3660);

        assertThat(store.lease(CLIENT, window, 4, 10, expires)).isEqualTo(new RateLimitStore.Lease(4, 4));
        assertThat(store.lease(CLIENT, window, 4, 10, expires)).isEqualTo(new RateLimitStore.Lease(4, 8));
        assertThat(store.lease(CLIENT, window, 4, 10, expires)).isEqualTo(new RateLimitStore.Lease(2, 10));
        assertThat(store.lease(CLIENT, window, 4, 10, expires)).isEqualTo(new RateLimitStore.Lease(0, 10));

        UpdateItemRequest first = recorder.of(UpdateItemRequest.class).getFirst();
        assertThat(first.key().get("sk").s()).isEqualTo("RATE#2026-12-02T10:00:00Z");
        assertThat(first.updateExpression()).isEqualTo("SET #type = :type, #ttl = :ttl ADD leased :amount");
        assertThat(first.conditionExpression()).isEqualTo("attribute_not_exists(leased) OR leased <= :room");
        assertThat(first.expressionAttributeValues().get(":room").n()).isEqualTo("6");
    }
}
