package com.securemodel.functions.aws.internal;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The one {@code GetItem} of the stores: an item by its key, or empty; failures in the domain's terms. */
public final class DynamoDbReads {

    private DynamoDbReads() {
    }

    /**
     * @param consistent a strongly consistent read (what every store of mutable rows uses)
     * @param what for the error message, for example {@code read batch}
     * @return the item, empty when there is none
     */
    public static Optional<Map<String, AttributeValue>> item(DynamoDbClient dynamoDb, String table,
                                                             Map<String, AttributeValue> key, boolean consistent,
                                                             String what) {
        try {
            var response = dynamoDb.getItem(b -> b.tableName(table).consistentRead(consistent).key(key));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item())
                    : Optional.empty();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable(what, e);
        }
    }
}
