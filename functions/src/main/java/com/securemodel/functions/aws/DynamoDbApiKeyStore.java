package com.securemodel.functions.aws;

import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.s;

import com.securemodel.core.tenant.ApiKeyRecord;
import com.securemodel.core.tenant.ApiKeyStore;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * API key hashes: {@code pk = CLIENT#<clientId>}, {@code sk = APIKEY#<keyId>}. Only the hash is stored; the key
 * itself is shown once when issued.
 */
public final class DynamoDbApiKeyStore implements ApiKeyStore {

    private static final String SK_PREFIX = "APIKEY#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbApiKeyStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void save(ApiKeyRecord key) {
        Map<String, AttributeValue> item = Attributes.builder()
                .s("pk", DeploymentItems.pk(key.clientId())).s("sk", SK_PREFIX + key.keyId()).s("type", "apikey")
                .s("clientId", key.clientId().value()).s("keyId", key.keyId()).s("keyHash", key.keyHash())
                .instant("createdAt", key.createdAt())
                .build();
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("save API key", e);
        }
    }

    @Override
    public List<ApiKeyRecord> findByClient(ClientId clientId) {
        try {
            return dynamoDb.queryPaginator(b -> b.tableName(table)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(
                                    ":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                                    ":prefix", AttributeValue.fromS(SK_PREFIX))))
                    .items().stream()
                    .map(item -> new ApiKeyRecord(clientId, s(item, "keyId"), s(item, "keyHash"),
                            instant(item, "createdAt")))
                    .toList();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("read API keys", e);
        }
    }
}
