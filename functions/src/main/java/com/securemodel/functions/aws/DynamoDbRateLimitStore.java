package com.securemodel.functions.aws;

import com.securemodel.core.limits.RateLimitStore;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One client's rate-limit window: {@code pk = CLIENT#<clientId>}, {@code sk = RATE#<window start, ISO 8601 UTC>},
 * {@code leased} (N) added with {@code ADD} under the condition that it stays within the limit, so the leases of
 * every instance together never pass it; a {@code ttl} an hour after the window. See {@code docs/data-model.md}.
 */
public final class DynamoDbRateLimitStore implements RateLimitStore {

    static final String SK_PREFIX = "RATE#";
    /**
     * A refused add answers the count (ALL_OLD): the next attempt asks for what is left, so two attempts settle it
     * unless other instances keep taking; without the count it asks for half.
     */
    private static final int ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbRateLimitStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Lease lease(ClientId clientId, Instant windowStart, int amount, int limit, Instant expiresAt) {
        int asked = Math.min(amount, limit);
        for (int attempt = 0; attempt < ATTEMPTS && asked > 0; attempt++) {
            try {
                var answer = dynamoDb.updateItem(update(clientId, windowStart, asked, limit, expiresAt));
                return new Lease(asked, Long.parseLong(answer.attributes().get("leased").n()));
            } catch (ConditionalCheckFailedException spent) {
                if (!spent.hasItem() || spent.item().get("leased") == null) {
                    asked /= 2;
                    continue;
                }
                long leased = Long.parseLong(spent.item().get("leased").n());
                asked = (int) Math.min(asked, Math.max(0, limit - leased));
                if (asked == 0) {
                    return new Lease(0, leased);
                }
            } catch (SdkException e) {
                throw DynamoDbErrors.unavailable("lease a rate-limit block", e);
            }
        }
        return new Lease(0, limit);
    }

    /** The exact update of one lease (package-private for the test that pins it). */
    UpdateItemRequest update(ClientId clientId, Instant windowStart, int amount, int limit, Instant expiresAt) {
        return UpdateItemRequest.builder().tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                        "sk", AttributeValue.fromS(SK_PREFIX + windowStart)))
                .updateExpression("SET #type = :type, #ttl = :ttl ADD leased :amount")
                .conditionExpression("attribute_not_exists(leased) OR leased <= :room")
                .expressionAttributeNames(Map.of("#type", "type", "#ttl", "ttl"))
                .expressionAttributeValues(Map.of(
                        ":type", AttributeValue.fromS("rate_window"),
                        ":ttl", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())),
                        ":amount", AttributeValue.fromN(Integer.toString(amount)),
                        ":room", AttributeValue.fromN(Integer.toString(limit - amount))))
                .returnValues(ReturnValue.UPDATED_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }
}
