package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Runs on the local cloud; {@link DynamoDbApiKeyStoreOnLocalStackIT} runs the same tests on LocalStack. */
@ExtendWith(AwsBackendExtension.class)
class DynamoDbApiKeyStoreIT {

    @Test
    void issuedKey_authenticatesItsClientOnly_andOnlyItsHashIsStored(AwsEndpoints cloud) {
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud);
        String table = "keys-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
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
        String table = "keys-" + UUID.randomUUID();
        DynamoDbTables.createIfMissing(dynamoDb, table);
        DynamoDbApiKeyStore store = new DynamoDbApiKeyStore(dynamoDb, table);
        Authenticator authenticator = new Authenticator(store, Clock.systemUTC(), java.time.Duration.ZERO);
        authenticator.register(new ClientId("acme"), "dev", "sk-first");

        authenticator.register(new ClientId("acme"), "dev", "sk-second");

        assertThat(authenticator.authenticateKey(null, "sk-second", null)).isEqualTo(new ClientId("acme"));
        assertThatThrownBy(() -> authenticator.authenticateKey("Key sk-first", null, null))
                .isInstanceOf(ServiceException.class);
        assertThat(dynamoDb.scan(b -> b.tableName(table)).items()).hasSize(2);
    }
}
