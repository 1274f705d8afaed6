package com.securemodel.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The customer-managed KMS keys, all with yearly rotation and retained on stack deletion: {@code data} encrypts
 * tenant data at rest (table, bucket, Lambda environment and SnapStart snapshots); {@code messaging} encrypts the
 * SQS queues (S3 gets use of it to announce new batch files, never of the data key); {@code ops} encrypts logs and
 * the alarm topic, and its key policy admits only CloudWatch Logs (for this account's log groups) and CloudWatch
 * alarms besides the account.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html">Encrypt log
 *     data with KMS</a>
 * @see <a href="https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services">
 *     SNS encryption with CloudWatch alarms</a>
 */
public final class ServiceKeys extends Construct {

  private final Key data;
  private final Key messaging;
  private final Key ops;

  public ServiceKeys(Construct scope, String id, String prefix) {
    super(scope, id);
    data = key("DataKey", prefix + " data at rest: DynamoDB, SQS, S3, Lambda environment");
    messaging = key("MessagingKey", prefix + " queues: SQS messages and dead letters");
    ops = key("OpsKey", prefix + " operations: CloudWatch Logs, alarm topic");
    Stack stack = Stack.of(this);
    String logGroups = stack.formatArn(ArnComponents.builder()
        .service("logs").resource("log-group").resourceName("*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    ops.addToResourcePolicy(PolicyStatement.Builder.create()
        .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
        .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
        .resources(List.of("*"))
        .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", logGroups)))
        .build());
    ops.addToResourcePolicy(PolicyStatement.Builder.create()
        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
        .resources(List.of("*"))
        .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
        .build());
  }

  private Key key(String id, String description) {
    return Key.Builder.create(this, id)
        .description(description)
        .enableKeyRotation(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  public Key data() {
    return data;
  }

  public Key messaging() {
    return messaging;
  }

  public Key ops() {
    return ops;
  }
}
