package com.securemodel.functions.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the service's single table where nothing else does (local mode, tests): string keys {@code pk} and
 * {@code sk}, on-demand billing, TTL on {@code ttl}, and the {@link #EXPIRY_INDEX} index. On AWS the CDK stack creates it.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-general-nosql-design.html">NoSQL design</a>
 */
public final class DynamoDbTables {

    /**
     * The sparse index of active Bytez instances by expiry (only their items carry {@link #EXPIRY_PK}), for the
     * sweep; keys only: it holds the table keys and the expiry time, no other attribute.
     */
    public static final String EXPIRY_INDEX = "expiry";
    public static final String EXPIRY_PK = "expiryPk";
    public static final String EXPIRY_SK = "expiresAt";

    private DynamoDbTables() {
    }

    /** Creates {@code table} unless it exists, and waits until it is active. */
    public static void createIfMissing(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName(EXPIRY_PK).attributeType(ScalarAttributeType.S),
                            a -> a.attributeName(EXPIRY_SK).attributeType(ScalarAttributeType.N))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"),
                            k -> k.attributeName("sk").keyType("RANGE"))
                    .globalSecondaryIndexes(g -> g.indexName(EXPIRY_INDEX)
                            .keySchema(k -> k.attributeName(EXPIRY_PK).keyType("HASH"),
                                    k -> k.attributeName(EXPIRY_SK).keyType("RANGE"))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        } catch (ResourceInUseException e) {
            return;
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
        dynamoDb.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));
    }
}
