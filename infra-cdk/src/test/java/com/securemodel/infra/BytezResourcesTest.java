package com.securemodel.infra;

import static com.securemodel.infra.TemplateQueries.json;
import static com.securemodel.infra.TemplateQueries.properties;
import static com.securemodel.infra.TemplateQueries.statements;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The Bytez parts of the stack: job queue with DLQ, job worker, sweep schedule and function, least privilege. */
class BytezResourcesTest {

  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = SynthesizedStack.defaultMode().template();
  }

  @Test
  void jobQueue_hasADlq_isEncrypted_andFeedsTheJobWorkerAlias() {
    Map<String, Object> queue = properties(template, "AWS::SQS::Queue").stream()
        .filter(q -> q.containsKey("RedrivePolicy") && json(q.get("RedrivePolicy")).contains("QueuesModelJobsDlq"))
        .findFirst().orElseThrow();
    assertThat(queue).containsEntry("VisibilityTimeout", 360).containsKey("KmsMasterKeyId");
    Map<String, Object> mapping = properties(template, "AWS::Lambda::EventSourceMapping").stream()
        .filter(m -> json(m.get("EventSourceArn")).contains("QueuesModelJobsQueue")).findFirst().orElseThrow();
    assertThat(mapping).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    assertThat(json(mapping.get("FunctionName"))).contains("FunctionsModelJobWorkerAlias").contains(":live");
  }

  @Test
  void sweep_runsEveryMinute_onItsAlias() {
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
        "ScheduleExpression", "rate(1 minute)", "State", "ENABLED",
        "Targets", List.of(Match.objectLike(Map.of(
            "Arn", Map.of("Ref", Match.stringLikeRegexp("FunctionsExpirySweepAlias.*")),
            "RetryPolicy", Map.of("MaximumRetryAttempts", 0)))))));
    template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
        "Principal", "events.amazonaws.com",
        "FunctionName", Map.of("Ref", Match.stringLikeRegexp("FunctionsExpirySweepAlias.*")))));
  }

  @Test
  void table_hasTheKeysOnlyExpiryIndex() {
    template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
        "GlobalSecondaryIndexes", List.of(Map.of(
            "IndexName", "expiry",
            "KeySchema", List.of(Map.of("AttributeName", "expiryPk", "KeyType", "HASH"),
                Map.of("AttributeName", "expiresAt", "KeyType", "RANGE")),
            "Projection", Map.of("ProjectionType", "KEYS_ONLY"))))));
  }

  @Test
  void leastPrivilege_jobWorkerNeitherSendsNorTouchesSageMaker_sweepSendsOnlyProvisioningAndWebhookEvents() {
    List<TemplateQueries.PolicyStatement> worker = statements(template).stream()
        .filter(s -> s.policyId().contains("ModelJobWorker")).toList();
    assertThat(worker).isNotEmpty().noneMatch(s -> s.hasActionStartingWith("sagemaker:"))
        .noneMatch(s -> s.actions().contains("sqs:SendMessage"))
        .noneMatch(s -> s.hasActionStartingWith("s3:Put"));
    List<TemplateQueries.PolicyStatement> sweep = statements(template).stream()
        .filter(s -> s.policyId().contains("ExpirySweep")).toList();
    assertThat(sweep).isNotEmpty().noneMatch(s -> s.hasActionStartingWith("sagemaker:"))
        .noneMatch(s -> s.hasActionStartingWith("s3:"));
    assertThat(sweep).filteredOn(s -> s.actions().contains("sqs:SendMessage"))
        .allSatisfy(s -> assertThat(s.resourceJson()).containsAnyOf("QueuesProvisioningQueue",
            "QueuesWebhooksQueue"));
    assertThat(statements(template)).filteredOn(s -> s.policyId().contains("HttpApi"))
        .anySatisfy(s -> assertThat(s.resourceJson()).contains("QueuesModelJobsQueue"));
  }

  @Test
  void functions_knowTheJobQueueAndTheBytezInstanceTypes() {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "SPRING_CLOUD_FUNCTION_DEFINITION", "httpApi",
            "SECUREMODEL_MODEL_JOB_QUEUE_URL", Match.anyValue(),
            "SECUREMODEL_SERVICE_BUCKET", Match.anyValue(),
            "SECUREMODEL_BYTEZ_INSTANCE_TYPES", Match.stringLikeRegexp("ml\\.g4dn\\.xlarge,.*")))))));
  }
}
