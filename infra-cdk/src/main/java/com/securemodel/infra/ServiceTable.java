package com.securemodel.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The service's single DynamoDB table: partition key {@code pk} (always {@code CLIENT#<clientId>...}, so every
 * query is tenant-scoped), sort key {@code sk}, TTL attribute {@code ttl}; on-demand, encrypted with the data
 * key, point-in-time recovery, deletion protection, retained on stack deletion.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html">
 *     DynamoDB encryption at rest</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html">
 *     Point-in-time recovery</a>
 */
public final class ServiceTable extends Construct {

  /**
   * Sparse index of active Bytez instances by {@code expiresAt} (only their items carry {@code expiryPk}), queried by
   * the expiry sweep; keys only.
   */
  public static final String EXPIRY_INDEX = "expiry";

  private final Table table;

  public ServiceTable(Construct scope, String id, IKey key) {
    super(scope, id);
    table = Table.Builder.create(this, "Table")
        .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
        .timeToLiveAttribute("ttl")
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .encryption(TableEncryption.CUSTOMER_MANAGED)
        .encryptionKey(key)
        .pointInTimeRecoverySpecification(
            PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
        .deletionProtection(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
        .indexName(EXPIRY_INDEX)
        .partitionKey(Attribute.builder().name("expiryPk").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("expiresAt").type(AttributeType.NUMBER).build())
        .projectionType(ProjectionType.KEYS_ONLY)
        .build());
    Nag.suppress(table, "HIPAA.Security-DynamoDBInBackupPlan",
        "Point-in-time recovery (35 days, continuous) is enabled on the table; an AWS Backup plan with a "
            + "long-term retention policy is the adopting account's decision (README, Deploy to AWS).");
  }

  public Table table() {
    return table;
  }
}
