package com.securemodel.functions.aws;

import com.securemodel.core.idempotency.IdempotencyClaim;
import com.securemodel.core.idempotency.IdempotencyStore;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@code Idempotency-Key} claims: {@code pk = CLIENT#<clientId>}, {@code sk = IDEMPOTENCY#<scope>#<key>}, the body's
 * fingerprint and the id of the resource the first request creates; a {@code ttl} when the key expires. A claim is
 * a {@code PutItem} with {@code attribute_not_exists(pk)} (of concurrent claims exactly one is stored), replaced and
 * released only while it still names the same resource. See {@code docs/data-model.md}.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final String SK_PREFIX = "IDEMPOTENCY#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<IdempotencyClaim> claim(IdempotencyClaim claim) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                dynamoDb.putItem(b -> b.tableName(table).item(toItem(claim))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return Optional.empty();
            } catch (ConditionalCheckFailedException held) {
                Optional<IdempotencyClaim> holder = held.hasItem() && !held.item().isEmpty()
                        ? Optional.of(fromItem(held.item()))
                        : DynamoDbReads.item(dynamoDb, table, key(claim), true, "read idempotency key")
                                .map(DynamoDbIdempotencyStore::fromItem);
                if (holder.isPresent()) {
                    return holder;
                }
                // released between the put and the read: claim again
            } catch (SdkException e) {
                throw DynamoDbErrors.unavailable("claim idempotency key", e);
            }
        }
        throw DynamoDbErrors.unavailable("claim idempotency key", null);
    }

    @Override
    public boolean replace(IdempotencyClaim held, IdempotencyClaim fresh) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(toItem(fresh))
                    .conditionExpression("resourceId = :resource AND createdAt = :created")
                    .expressionAttributeValues(sameClaim(held)));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("claim idempotency key", e);
        }
    }

    @Override
    public void release(IdempotencyClaim claim) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(claim))
                    .conditionExpression("resourceId = :resource AND createdAt = :created")
                    .expressionAttributeValues(sameClaim(claim)));
        } catch (ConditionalCheckFailedException gone) {
            // another request holds the key now: leave it
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("release idempotency key", e);
        }
    }

    private static Map<String, AttributeValue> sameClaim(IdempotencyClaim claim) {
        return Map.of(":resource", AttributeValue.fromS(claim.resourceId()),
                ":created", AttributeValue.fromS(claim.createdAt().toString()));
    }

    private static Map<String, AttributeValue> key(IdempotencyClaim claim) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(claim.clientId())),
                "sk", AttributeValue.fromS(SK_PREFIX + claim.scope() + "#" + claim.key()));
    }

    private static Map<String, AttributeValue> toItem(IdempotencyClaim claim) {
        Map<String, AttributeValue> item = new HashMap<>(key(claim));
        item.put("type", AttributeValue.fromS("idempotency"));
        item.put("clientId", AttributeValue.fromS(claim.clientId().value()));
        item.put("scope", AttributeValue.fromS(claim.scope()));
        item.put("idempotencyKey", AttributeValue.fromS(claim.key()));
        item.put("fingerprint", AttributeValue.fromS(claim.fingerprint()));
        item.put("resourceId", AttributeValue.fromS(claim.resourceId()));
        item.put("createdAt", AttributeValue.fromS(claim.createdAt().toString()));
        // not "expiresAt": that name is the sparse expiry index's numeric sort key
        item.put("keyExpiresAt", AttributeValue.fromS(claim.expiresAt().toString()));
        item.put("ttl", AttributeValue.fromN(Long.toString(claim.expiresAt().getEpochSecond())));
        return item;
    }

    private static IdempotencyClaim fromItem(Map<String, AttributeValue> item) {
        return new IdempotencyClaim(new ClientId(item.get("clientId").s()), item.get("scope").s(),
                item.get("idempotencyKey").s(), item.get("fingerprint").s(), item.get("resourceId").s(),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("keyExpiresAt").s()));
    }
}
