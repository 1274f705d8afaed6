package com.securemodel.functions.aws;

import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.s;
import static com.securemodel.functions.aws.internal.Attributes.strings;

import com.securemodel.core.tenant.ApiKeyRecord;
import com.securemodel.core.tenant.ApiKeyStore;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.tenant.Scope;
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
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * API key hashes, two items per key: {@code pk = CLIENT#<clientId>}, {@code sk = APIKEY#<keyId>} (the client's keys,
 * to list and revoke) and the lookup {@code pk = APIKEYHASH#<hash>}, {@code sk = APIKEYHASH} (hash to client id, key
 * id and scopes; no tenant data), written and deleted together in one transaction. Only the hash is stored; the key
 * itself is shown once when issued. Items without a {@code scopes} attribute (written before scopes existed) are
 * read as holding every scope. See {@code docs/data-model.md}.
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
        List<String> scopes = Scope.wireNames(key.scopes());
        Map<String, AttributeValue> item = Attributes.builder()
                .s("pk", DeploymentItems.pk(key.clientId())).s("sk", SK_PREFIX + key.keyId()).s("type", "apikey")
                .s("clientId", key.clientId().value()).s("keyId", key.keyId()).s("keyHash", key.keyHash())
                .instant("createdAt", key.createdAt()).s("name", key.name()).strings("scopes", scopes)
                .s("hint", key.hint())
                .build();
        Map<String, AttributeValue> lookup = Attributes.builder()
                .s("pk", LOOKUP + "#" + key.keyHash()).s("sk", LOOKUP).s("type", "apikey-lookup")
                .s("clientId", key.clientId().value()).s("keyId", key.keyId()).s("keyHash", key.keyHash())
                .instant("createdAt", key.createdAt()).strings("scopes", scopes)
                .build();
        try {
            String previous = findItem(key.clientId(), key.keyId()).map(old -> s(old, "keyHash")).orElse(null);
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(lookup)).build());
            if (previous != null && !previous.equals(key.keyHash())) {
                writes.add(TransactWriteItem.builder()
                        .delete(d -> d.tableName(table).key(lookupKey(previous))).build());
            }
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("save API key", e);
        }
    }

    @Override
    public Optional<ApiKeyRecord> findByHash(String keyHash) {
        return DynamoDbReads.item(dynamoDb, table, lookupKey(keyHash), true, "read API key")
                .map(item -> record(new ClientId(s(item, "clientId")), item));
    }

    /**
     * Deletes the key item (on the condition that it still holds the hash just read) and its lookup in one
     * transaction: a key replaced or revoked meanwhile is left to that other change.
     */
    @Override
    public Optional<ApiKeyRecord> delete(ClientId clientId, String keyId) {
        Optional<ApiKeyRecord> found = findItem(clientId, keyId).map(item -> record(clientId, item));
        if (found.isEmpty()) {
            return found;
        }
        String hash = found.get().keyHash();
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(itemKey(clientId, keyId))
                            .conditionExpression("keyHash = :h")
                            .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(hash)))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(lookupKey(hash))).build()));
            return found;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return Optional.empty();
            }
            throw DynamoDbErrors.unavailable("revoke API key", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("revoke API key", e);
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
                    .map(item -> record(clientId, item))
                    .toList();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("read API keys", e);
        }
    }

    /** A key or lookup item; no {@code scopes} attribute (an item from before scopes) means every scope. */
    private static ApiKeyRecord record(ClientId clientId, Map<String, AttributeValue> item) {
        List<String> scopes = strings(item, "scopes");
        return new ApiKeyRecord(clientId, s(item, "keyId"), s(item, "keyHash"), instant(item, "createdAt"),
                s(item, "name"), scopes == null ? null : Scope.copyOf(scopes.stream().map(Scope::parse).toList()),
                s(item, "hint"));
    }

    private Optional<Map<String, AttributeValue>> findItem(ClientId clientId, String keyId) {
        return DynamoDbReads.item(dynamoDb, table, itemKey(clientId, keyId), true, "read API key");
    }

    private static Map<String, AttributeValue> itemKey(ClientId clientId, String keyId) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                "sk", AttributeValue.fromS(SK_PREFIX + keyId));
    }

    private static Map<String, AttributeValue> lookupKey(String keyHash) {
        return Map.of("pk", AttributeValue.fromS(LOOKUP + "#" + keyHash), "sk", AttributeValue.fromS(LOOKUP));
    }
}
