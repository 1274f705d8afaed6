package com.securemodel.functions.aws;

import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageStore;
import com.securemodel.core.usage.UsageTotals;
import com.securemodel.functions.aws.internal.DeploymentItems;
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

/**
 * Usage per client, deployment and minute: {@code pk = CLIENT#<clientId>}, {@code sk = USAGE#<deploymentId>#<minute
 * ISO-8601>}, counters added with {@code ADD} (atomic, so instances flushing the same minute never lose a count),
 * a {@code ttl} 400 days ahead. See {@code docs/data-model.md}.
 */
public final class DynamoDbUsageStore implements UsageStore {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbUsageStore.class);
    private static final Duration RETENTION = Duration.ofDays(400);
    private static final String SK_PREFIX = "USAGE#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbUsageStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public List<UsageTotals> add(List<UsageTotals> totals) {
        List<UsageTotals> unwritten = new ArrayList<>();
        for (UsageTotals item : totals) {
            try {
                dynamoDb.updateItem(b -> b.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(item.clientId())),
                                "sk", AttributeValue.fromS(sk(item.deploymentId(), item.minute()))))
                        .updateExpression("SET #type = :type, deploymentId = :dep, #minute = :minute, #ttl = :ttl "
                                + "ADD requests :requests, errors :errors, promptTokens :prompt, "
                                + "completionTokens :completion, latencyMillis :latency")
                        .expressionAttributeNames(Map.of("#type", "type", "#ttl", "ttl", "#minute", "minute"))
                        .expressionAttributeValues(Map.of(
                                ":type", AttributeValue.fromS("usage"),
                                ":dep", AttributeValue.fromS(item.deploymentId()),
                                ":minute", AttributeValue.fromS(item.minute().toString()),
                                ":ttl", number(item.minute().plus(RETENTION).getEpochSecond()),
                                ":requests", number(item.requests()),
                                ":errors", number(item.errors()),
                                ":prompt", number(item.promptTokens()),
                                ":completion", number(item.completionTokens()),
                                ":latency", number(item.latencyMillis()))));
            } catch (SdkException e) {
                LOG.warn("Cannot add usage for deployment {}", item.deploymentId(), e);
                unwritten.add(item);
            }
        }
        return unwritten;
    }

    @Override
    public List<UsageTotals> find(ClientId clientId, String deploymentId, Instant from, Instant to) {
        try {
            return dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                            .expressionAttributeValues(Map.of(
                                    ":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                                    ":from", AttributeValue.fromS(sk(deploymentId, from)),
                                    ":to", AttributeValue.fromS(sk(deploymentId, to.minusMillis(1))))))
                    .items().stream()
                    .map(item -> new UsageTotals(clientId, deploymentId, Instant.parse(item.get("minute").s()),
                            n(item, "requests"), n(item, "errors"), n(item, "promptTokens"),
                            n(item, "completionTokens"), n(item, "latencyMillis")))
                    .toList();
        } catch (SdkException e) {
            throw com.securemodel.functions.aws.internal.DynamoDbErrors.unavailable("read usage", e);
        }
    }

    private static String sk(String deploymentId, Instant minute) {
        return SK_PREFIX + deploymentId + "#" + minute;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
