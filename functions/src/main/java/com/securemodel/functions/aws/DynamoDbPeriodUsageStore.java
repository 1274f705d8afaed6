package com.securemodel.functions.aws;

import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.BillingPeriod;
import com.securemodel.core.usage.PeriodTotals;
import com.securemodel.core.usage.PeriodUsageStore;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A client's usage per billing period: {@code pk = CLIENT#<clientId>}, {@code sk = PERIOD#<yyyy-MM>}, counters
 * {@code requests} and {@code tokens} added with {@code ADD} by every instance's usage flush, a {@code ttl} 400 days
 * after the period ends. See {@code docs/data-model.md}.
 */
public final class DynamoDbPeriodUsageStore implements PeriodUsageStore {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbPeriodUsageStore.class);
    private static final Duration RETENTION = Duration.ofDays(400);
    static final String SK_PREFIX = "PERIOD#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbPeriodUsageStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public List<PeriodTotals> add(List<PeriodTotals> totals) {
        List<PeriodTotals> unwritten = new ArrayList<>();
        for (PeriodTotals item : totals) {
            try {
                dynamoDb.updateItem(update(item));
            } catch (SdkException e) {
                LOG.warn("Cannot add the period usage of a client", e);
                unwritten.add(item);
            }
        }
        return unwritten;
    }

    /** The exact update of one item (package-private for the test that pins it). */
    UpdateItemRequest update(PeriodTotals item) {
        BillingPeriod period = BillingPeriod.of(item.periodStart());
        return UpdateItemRequest.builder().tableName(table).key(key(item.clientId(), item.periodStart()))
                .updateExpression("SET #type = :type, periodStart = :start, periodEnd = :end, #ttl = :ttl"
                        + " ADD requests :requests, tokens :tokens")
                .expressionAttributeNames(Map.of("#type", "type", "#ttl", "ttl"))
                .expressionAttributeValues(Map.of(
                        ":type", AttributeValue.fromS("period_usage"),
                        ":start", AttributeValue.fromS(period.start().toString()),
                        ":end", AttributeValue.fromS(period.end().toString()),
                        ":ttl", AttributeValue.fromN(Long.toString(period.end().plus(RETENTION).getEpochSecond())),
                        ":requests", AttributeValue.fromN(Long.toString(item.requests())),
                        ":tokens", AttributeValue.fromN(Long.toString(item.tokens()))))
                .build();
    }

    @Override
    public long tokens(ClientId clientId, Instant periodStart) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, periodStart), true, "read the period's usage")
                .map(item -> item.get("tokens")).map(v -> Long.parseLong(v.n())).orElse(0L);
    }

    private static Map<String, AttributeValue> key(ClientId clientId, Instant periodStart) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                "sk", AttributeValue.fromS(SK_PREFIX + BillingPeriod.of(periodStart).key()));
    }
}
