package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ApiKeyHasher;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.tenant.Scope;
import java.util.Map;
import java.util.Set;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Runs on the local cloud; {@link DynamoDbApiKeyStoreOnLocalStackIT} runs the same tests on LocalStack. */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbApiKeyStoreIT {

    @Test
    void issuedKey_authenticatesItsClientOnly_andOnlyItsHashIsStored(AwsEndpoints cloud) {
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud);
        String table = newTable(dynamoDb);
        DynamoDbApiKeyStore store = new DynamoDbApiKeyStore(dynamoDb, table);
        Authenticator authenticator = new Authenticator(store, Clock.systemUTC());

        String key = authenticator.issue(new ClientId("acme"));

        assertThat(authenticator.authenticate("Bearer " + key, "acme")).isEqualTo(new ClientId("acme"));
        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + key, "globex"))
                .isInstanceOf(ServiceException.class);
        assertThat(store.findByClient(new ClientId("acme"))).singleElement()
                .satisfies(record -> assertThat(record.keyHash()).isNotBlank().isNotEqualTo(key));
        assertThat(authenticator.authenticateKey("Bearer " + key, null, null)).isEqualTo(new ClientId("acme"));
        assertThat(dynamoDb.scan(b -> b.tableName(table)).items()).hasSize(2).allSatisfy(item ->
                assertThat(item.values()).noneMatch(v -> key.equals(v.s())));
        assertThat(dynamoDb.scan(b -> b.tableName(table)).items()).extracting(item -> item.get("sk").s())
                .anyMatch(sk -> sk.startsWith("APIKEY#")).contains("APIKEYHASH");
    }

    @Test
    void savingAKeyIdAgain_replacesItsLookup_soTheOldKeyStopsWorking(AwsEndpoints cloud) {
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud);
        String table = newTable(dynamoDb);
        DynamoDbApiKeyStore store = new DynamoDbApiKeyStore(dynamoDb, table);
        Authenticator authenticator = new Authenticator(store, Clock.systemUTC(), java.time.Duration.ZERO);
        authenticator.register(new ClientId("acme"), "dev", "sk-first");

        authenticator.register(new ClientId("acme"), "dev", "sk-second");

        assertThat(authenticator.authenticateKey(null, "sk-second", null)).isEqualTo(new ClientId("acme"));
        assertThatThrownBy(() -> authenticator.authenticateKey("Key sk-first", null, null))
                .isInstanceOf(ServiceException.class);
        assertThat(dynamoDb.scan(b -> b.tableName(table)).items()).hasSize(2);
    }

    @Test
    void keysWithScopes_areReadBackWithThem_andItemsFromBeforeScopesHoldEveryScope(AwsEndpoints cloud) {
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud);
        String table = newTable(dynamoDb);
        DynamoDbApiKeyStore store = new DynamoDbApiKeyStore(dynamoDb, table);
        Authenticator authenticator = new Authenticator(store, Clock.systemUTC(), java.time.Duration.ZERO);
        ClientId acme = new ClientId("acme");
        // an item pair as the store wrote it before scopes existed
        String legacyHash = ApiKeyHasher.hash("sk-legacy");
        dynamoDb.putItem(b -> b.tableName(table).item(itemBeforeScopes("CLIENT#acme", "APIKEY#old", "apikey",
                legacyHash)));
        dynamoDb.putItem(b -> b.tableName(table).item(itemBeforeScopes("APIKEYHASH#" + legacyHash, "APIKEYHASH",
                "apikey-lookup", legacyHash)));

        Authenticator.IssuedKey reader = authenticator.issue(acme, "reader", Set.of(Scope.READ, Scope.GENERATE));

        assertThat(authenticator.authenticateKeyCaller("Bearer sk-legacy", null, null).scopes())
                .containsExactlyInAnyOrder(Scope.values());
        assertThat(authenticator.authenticateKeyCaller("Bearer " + reader.apiKey(), null, null).scopes())
                .containsExactly(Scope.READ, Scope.GENERATE);
        assertThat(store.findByClient(acme)).filteredOn(k -> k.keyId().equals(reader.key().keyId())).singleElement()
                .satisfies(k -> {
                    assertThat(k.name()).isEqualTo("reader");
                    assertThat(k.hint()).isEqualTo(reader.apiKey().substring(reader.apiKey().length() - 4));
                });
    }

    @Test
    void delete_removesTheKeyAndItsLookup_onlyForItsOwnClient(AwsEndpoints cloud) {
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud);
        String table = newTable(dynamoDb);
        DynamoDbApiKeyStore store = new DynamoDbApiKeyStore(dynamoDb, table);
        Authenticator authenticator = new Authenticator(store, Clock.systemUTC(), java.time.Duration.ZERO);
        Authenticator.IssuedKey key = authenticator.issue(new ClientId("acme"), null, Set.of(Scope.READ));

        assertThat(store.delete(new ClientId("globex"), key.key().keyId())).isEmpty();
        assertThat(authenticator.authenticateKey("Bearer " + key.apiKey(), null, null)).isEqualTo(new ClientId("acme"));

        assertThat(store.delete(new ClientId("acme"), key.key().keyId())).map(k -> k.keyHash())
                .contains(key.key().keyHash());

        assertThatThrownBy(() -> authenticator.authenticateKey("Bearer " + key.apiKey(), null, null))
                .isInstanceOf(ServiceException.class);
        assertThat(dynamoDb.scan(b -> b.tableName(table)).items()).isEmpty();
        assertThat(store.delete(new ClientId("acme"), key.key().keyId())).isEmpty();
    }

    /** A key item or lookup of client acme's key {@code old} as the store wrote them before scopes existed. */
    private static Map<String, AttributeValue> itemBeforeScopes(String pk, String sk, String type, String hash) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk),
                "type", AttributeValue.fromS(type), "clientId", AttributeValue.fromS("acme"),
                "keyId", AttributeValue.fromS("old"),
                "keyHash", AttributeValue.fromS(hash), "createdAt", AttributeValue.fromS("2025-01-01T00:00:00Z"));
    }

    private static String newTable(DynamoDbClient dynamoDb) {
        String table = "keys-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
        return table;
    }
}
