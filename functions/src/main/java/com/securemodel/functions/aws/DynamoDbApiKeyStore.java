package com.securemodel.functions.aws;

import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.s;

import com.securemodel.core.tenant.ApiKeyRecord;
import com.securemodel.core.tenant.ApiKeyStore;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * API key hashes, two items per key: {@code pk = CLIENT#<clientId>}, {@code sk = APIKEY#<keyId>} (the client's keys,
 * to list and revoke) and the lookup {@code pk = APIKEYHASH#<hash>}, {@code sk = APIKEYHASH} (hash to client id and
 * key id; no tenant data), written together in one transaction. Only the hash is stored; the key itself is shown
 * once when issued. See {@code docs/data-model.md}.
 */
public final class DynamoDbApiKeyStore implements ApiKeyStore {

    private static final String SK_PREFIX = "APIKEY#";
    private static final String LOOKUP = "APIKEYHASH";

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
        Map<String, AttributeValue> lookup = Attributes.builder()
                .s("pk", lookupPk(key.keyHash())).s("sk", LOOKUP).s("type", "apikey-lookup")
                .s("clientId", key.clientId().value()).s("keyId", key.keyId()).s("keyHash", key.keyHash())
                .instant("createdAt", key.createdAt())
                .build();
        try {
            String previous = previousHash(key);
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(lookup)).build());
            if (previous != null && !previous.equals(key.keyHash())) {
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(Map.of(
                        "pk", AttributeValue.fromS(lookupPk(previous)), "sk", AttributeValue.fromS(LOOKUP)))).build());
            }
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("save API key", e);
        }
    }

    @Override
    public Optional<ApiKeyRecord> findByHash(String keyHash) {
        return DynamoDbReads.item(dynamoDb, table, Map.of("pk", AttributeValue.fromS(lookupPk(keyHash)),
                        "sk", AttributeValue.fromS(LOOKUP)), true, "read API key")
                .map(item -> new ApiKeyRecord(new ClientId(s(item, "clientId")), s(item, "keyId"),
                        s(item, "keyHash"), instant(item, "createdAt")));
    }

    private String previousHash(ApiKeyRecord key) {
        Map<String, AttributeValue> itemKey = Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(key.clientId())),
                "sk", AttributeValue.fromS(SK_PREFIX + key.keyId()));
        return DynamoDbReads.item(dynamoDb, table, itemKey, true, "read API key")
                .map(item -> s(item, "keyHash")).orElse(null);
    }

    private static String lookupPk(String keyHash) {
        return LOOKUP + "#" + keyHash;
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
