package com.securemodel.functions.aws;

import com.securemodel.core.limits.TierStore;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A client's tier: {@code pk = CLIENT#<clientId>}, {@code sk = TIER}. See {@code docs/data-model.md}. */
public final class DynamoDbTierStore implements TierStore {

    static final String SK = "TIER";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbTierStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<String> find(ClientId clientId) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId), true, "read the client's tier")
                .map(item -> item.get("tier")).map(AttributeValue::s);
    }

    @Override
    public void set(ClientId clientId, String tier, Instant at) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(clientId));
        item.put("type", AttributeValue.fromS("tier"));
        item.put("clientId", AttributeValue.fromS(clientId.value()));
        item.put("tier", AttributeValue.fromS(tier));
        item.put("updatedAt", AttributeValue.fromS(at.toString()));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("store the client's tier", e);
        }
    }

    private static Map<String, AttributeValue> key(ClientId clientId) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)), "sk", AttributeValue.fromS(SK));
    }
}
