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

/** Security properties of the default-mode stack (no VPC for the functions). */
class SecureModelStackTest {

  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = SynthesizedStack.defaultMode().template();
  }

  @Test
  void table_isEncryptedWithCustomerKey_recoverableAndProtected_withTenantKeysAndTtl() {
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
        "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
            Map.of("AttributeName", "sk", "KeyType", "RANGE")),
        "BillingMode", "PAY_PER_REQUEST",
        "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS",
            "KMSMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("KeysDataKey.*"), "Arn"))),
        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
        "DeletionProtectionEnabled", true,
        "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true)));
    template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
  }

  @Test
  void keys_rotateAndAreRetained() {
    assertThat(template.findResources("AWS::KMS::Key")).hasSize(3).allSatisfy((id, key) -> {
      assertThat(key).containsEntry("DeletionPolicy", "Retain");
      assertThat(json(key.get("Properties"))).contains("\"EnableKeyRotation\":true");
    });
  }

  @Test
  void everyQueue_isEncryptedWithTheMessagingKey() {
    assertThat(properties(template, "AWS::SQS::Queue")).hasSize(10)
        .allSatisfy(q -> assertThat(json(q.get("KmsMasterKeyId"))).contains("KeysMessagingKey"));
  }

  @Test
  void workQueues_moveMessagesToTheirDeadLetterQueues() {
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "RedrivePolicy", Map.of("deadLetterTargetArn",
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("QueuesProvisioningDlq.*"), "Arn")),
            "maxReceiveCount", 5),
        "VisibilityTimeout", 360));
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "RedrivePolicy", Map.of("deadLetterTargetArn",
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("QueuesBatchDlq.*"), "Arn")),
            "maxReceiveCount", 3)));
  }

  @Test
  void everyQueue_deniesRequestsWithoutTls() {
    assertThat(properties(template, "AWS::SQS::QueuePolicy")).hasSize(10).allSatisfy(p ->
        assertThat(json(p.get("PolicyDocument")))
            .contains("\"Effect\":\"Deny\"")
            .contains("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"));
  }

  @Test
  void serviceBucket_isKmsEncryptedPrivateVersionedAndAccessLogged() {
    template.hasResourceProperties("AWS::S3::Bucket", Map.of(
        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
            "BucketKeyEnabled", true,
            "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                "KMSMasterKeyID", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("KeysDataKey.*"), "Arn")))))),
        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
            "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
        "VersioningConfiguration", Map.of("Status", "Enabled"),
        "LoggingConfiguration", Map.of(
            "DestinationBucketName", Map.of("Ref", Match.stringLikeRegexp("StorageAccessLogs.*")))));
  }

  @Test
  void everyBucket_deniesRequestsWithoutTls() {
    // the service bucket and its access logs, the console's bucket and its logs
    assertThat(properties(template, "AWS::S3::BucketPolicy")).hasSize(4).allSatisfy(p ->
        assertThat(json(p.get("PolicyDocument")))
            .contains("\"Effect\":\"Deny\"")
            .contains("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"));
  }

  @Test
  void objectsUnderBatchInput_notifyTheBatchQueue() {
    template.hasResourceProperties("Custom::S3BucketNotifications", Map.of(
        "NotificationConfiguration", Map.of("QueueConfigurations", List.of(Map.of(
            "Events", List.of("s3:ObjectCreated:*"),
            "Filter", Map.of("Key", Map.of("FilterRules", List.of(Map.of("Name", "prefix", "Value", "batch-input/")))),
            "QueueArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("QueuesBatchQueue.*"), "Arn")))))));
  }

  @Test
  void eachFunction_runsJava21WithSnapStartBehindItsLiveAlias() {
    for (String definition : List.of("httpApi", "deploymentWorker", "modelJobWorker", "expirySweep")) {
      template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
          "Runtime", "java21",
          "Handler", "org.springframework.cloud.function.adapter.aws.FunctionInvoker",
          "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
          "KmsKeyArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("KeysDataKey.*"), "Arn")),
          "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON")),
          "Environment", Map.of("Variables", Match.objectLike(Map.of(
              "SPRING_CLOUD_FUNCTION_DEFINITION", definition,
              "SECUREMODEL_ENDPOINT_PREFIX", "sms",
              "SECUREMODEL_HIPAA_MODE", "true",
              "SECUREMODEL_NETWORK_ISOLATION", "false",
              "SECUREMODEL_TABLE_NAME", Match.anyValue(),
              "SECUREMODEL_PROVISIONING_QUEUE_URL", Match.anyValue(),
              "SECUREMODEL_SAGEMAKER_ROLE_ARN", Match.anyValue(),
              "SECUREMODEL_PUBLIC_BASE_URL", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "ApiEndpoint")),
              "SECUREMODEL_BATCH_BUCKET", Match.anyValue()))))));
      // the start class that the functions' build processed ahead of time, with Spring AOT on (cold start)
      template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
          "Environment", Map.of("Variables", Match.objectLike(Map.of(
              "SPRING_CLOUD_FUNCTION_DEFINITION", definition,
              "MAIN_CLASS", "com.securemodel.functions.LambdaApplication",
              "JAVA_TOOL_OPTIONS",
              "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=128m -Dspring.aot.enabled=true"))))));
    }
    template.resourceCountIs("AWS::Lambda::Version", 7);
    assertThat(properties(template, "AWS::Lambda::Alias")).hasSize(7)
        .allSatisfy(a -> assertThat(a).containsEntry("Name", "live"));
  }

  @Test
  void functions_areSizedForSpringAndTheApiTimeout() {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "MemorySize", 2048, "Timeout", 29,
        "Environment", Map.of("Variables", Match.objectLike(Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "httpApi"))))));
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "MemorySize", 1024, "Timeout", 60,
        "Environment", Map.of("Variables",
            Match.objectLike(Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "deploymentWorker"))))));
  }

  @Test
  void deploymentWorkerAlias_consumesProvisioningQueue_reportingBatchItemFailures() {
    template.resourceCountIs("AWS::Lambda::EventSourceMapping", 4);
    Map<String, Object> mapping = properties(template, "AWS::Lambda::EventSourceMapping").stream()
        .filter(m -> json(m.get("EventSourceArn")).contains("QueuesProvisioningQueue")).findFirst().orElseThrow();
    assertThat(mapping).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    assertThat(json(mapping.get("FunctionName"))).contains("FunctionsDeploymentWorkerAlias").contains(":live");
  }

  @Test
  void asyncRequestWorkerAlias_consumesTheAsyncQueue_andTheApiFunctionsMayQueueRequests() {
    Map<String, Object> mapping = properties(template, "AWS::Lambda::EventSourceMapping").stream()
        .filter(m -> json(m.get("EventSourceArn")).contains("QueuesAsyncQueue")).findFirst().orElseThrow();
    assertThat(mapping).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    assertThat(json(mapping.get("FunctionName"))).contains("FunctionsAsyncRequestWorkerAlias").contains(":live");
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "SPRING_CLOUD_FUNCTION_DEFINITION", "asyncRequestWorker"))),
        "Timeout", 300)));
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "SPRING_CLOUD_FUNCTION_DEFINITION", "httpApi",
            "SECUREMODEL_ASYNC_QUEUE_URL", Match.anyValue(),
            "SECUREMODEL_SERVICE_BUCKET", Match.anyValue(),
            "DJL_CACHE_DIR", "/tmp/djl"))))));
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "VisibilityTimeout", 1800,
        "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5))));
  }

  @Test
  void webhookWorkerAlias_consumesTheWebhookQueue_whoseDlqTakesMessagesAfterEveryAttempt() {
    Map<String, Object> mapping = properties(template, "AWS::Lambda::EventSourceMapping").stream()
        .filter(m -> json(m.get("EventSourceArn")).contains("QueuesWebhooksQueue")).findFirst().orElseThrow();
    assertThat(mapping).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    assertThat(json(mapping.get("FunctionName"))).contains("FunctionsWebhookWorkerAlias").contains(":live");
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "RedrivePolicy", Map.of("deadLetterTargetArn",
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("QueuesWebhooksDlq.*"), "Arn")),
            "maxReceiveCount", ServiceQueues.WEBHOOK_ATTEMPTS),
        "VisibilityTimeout", 1080));
    for (String definition : List.of("webhookWorker", "httpApi", "deploymentWorker")) {
      template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
          "Environment", Map.of("Variables", Match.objectLike(Map.of(
              "SPRING_CLOUD_FUNCTION_DEFINITION", definition,
              "SECUREMODEL_WEBHOOKS_QUEUE_URL", Map.of("Ref", Match.stringLikeRegexp("QueuesWebhooksQueue.*")),
              "SECUREMODEL_WEBHOOKS_MAX_ATTEMPTS", String.valueOf(ServiceQueues.WEBHOOK_ATTEMPTS)))))));
    }
    // least privilege: the worker reads and writes the table and consumes its queue; no SageMaker, S3 or sending
    List<TemplateQueries.PolicyStatement> worker = TemplateQueries.statements(template).stream()
        .filter(s -> s.policyId().contains("WebhookWorker")).toList();
    assertThat(worker).isNotEmpty().noneMatch(s -> s.hasActionStartingWith("sagemaker:"))
        .noneMatch(s -> s.hasActionStartingWith("s3:")).noneMatch(s -> s.actions().contains("sqs:SendMessage"));
    assertThat(worker).filteredOn(s -> s.actions().contains("sqs:ChangeMessageVisibility"))
        .isNotEmpty().allSatisfy(s -> assertThat(s.resourceJson()).contains("QueuesWebhooksQueue"));
  }

  @Test
  void httpApi_routesEverythingToTheHttpFunctionAlias() {
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of(
        "RouteKey", "$default", "ApiId", Match.anyValue(), "Target", Match.anyValue(),
        "AuthorizationType", "NONE"));
    template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Match.objectLike(Map.of(
        "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0",
        "IntegrationUri", Map.of("Ref", Match.stringLikeRegexp("FunctionsHttpApiAlias.*")))));
  }

  @Test
  void httpApiStage_throttles_andLogsJsonWithoutBodiesHeadersOrQueries() {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
        "StageName", "$default",
        "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100))));
    Map<String, Object> stage = properties(template, "AWS::ApiGatewayV2::Stage").getFirst();
    @SuppressWarnings("unchecked")
    String format = (String) ((Map<String, Object>) stage.get("AccessLogSettings")).get("Format");
    assertThat(format).startsWith("{").endsWith("}").contains("$context.requestId", "$context.status")
        .doesNotContainIgnoringCase("body").doesNotContain("$context.header", "$input", "querystring");
  }

  @Test
  void everyLogGroup_isEncryptedWithTheOpsKeyAndKeptAYear() {
    assertThat(properties(template, "AWS::Logs::LogGroup")).isNotEmpty().allSatisfy(g -> {
      assertThat(json(g.get("KmsKeyId"))).contains("KeysOpsKey");
      assertThat(g).containsEntry("RetentionInDays", 365);
    });
  }

  @Test
  void sageMakerPermissions_reachOnlyPrefixedResources() {
    List<TemplateQueries.PolicyStatement> sageMaker = statements(template).stream()
        .filter(s -> s.hasActionStartingWith("sagemaker:")).toList();
    assertThat(sageMaker).isNotEmpty().allSatisfy(s -> {
      assertThat(s.resourceJson()).doesNotContain("\"*\"");
      assertThat(s.resourceJson()).containsPattern(":(model|endpoint-config|endpoint)/sms-\\*");
      assertThat(s.resourceJson().replaceAll(":(model|endpoint-config|endpoint)/sms-\\*", ""))
          .doesNotContain(":model/", ":endpoint/", ":endpoint-config/");
    });
    assertThat(sageMaker).anySatisfy(s -> assertThat(s.actions())
        .contains("sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointWithResponseStream"));
  }

  @Test
  void createEndpointConfig_isAllowedOnlyOnTheConfiguredInstanceTypes() {
    List<TemplateQueries.PolicyStatement> create = statements(template).stream()
        .filter(s -> s.actions().contains("sagemaker:CreateEndpointConfig")).toList();
    assertThat(create).hasSize(1).allSatisfy(s -> assertThat(s.conditionJson()).isEqualTo(json(Map.of(
        "ForAllValues:StringEquals", Map.of("sagemaker:InstanceTypes", StackSettings.G4DN_INSTANCE_TYPES),
        "Null", Map.of("sagemaker:InstanceTypes", "false")))));
  }

  @Test
  void passRole_coversOnlyTheModelExecutionRole_passedToSageMaker() {
    List<TemplateQueries.PolicyStatement> passRole = statements(template).stream()
        .filter(s -> s.actions().contains("iam:PassRole")).toList();
    assertThat(passRole).hasSize(1).allSatisfy(s -> {
      assertThat(s.resourceJson()).isEqualTo(json(Map.of("Fn::GetAtt",
          List.of(logicalId("AWS::IAM::Role", "SageMakerExecutionRole"), "Arn"))));
      assertThat(s.conditionJson()).contains("\"iam:PassedToService\":\"sagemaker.amazonaws.com\"");
    });
    assertThat(passRole.getFirst().policyId()).startsWith("FunctionsDeploymentWorker");
  }

  @Test
  void modelExecutionRole_readsOnlyModelArtifactsAndWritesOnlyPrefixedEndpointLogs() {
    template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("AssumeRolePolicyDocument",
        Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
            "Principal", Map.of("Service", "sagemaker.amazonaws.com")))))))));
    List<TemplateQueries.PolicyStatement> executionRole = statements(template).stream()
        .filter(s -> s.policyId().startsWith("SageMakerExecutionRole")).toList();
    assertThat(executionRole).filteredOn(s -> s.hasActionStartingWith("s3:GetObject"))
        .singleElement().satisfies(s -> assertThat(s.resourceJson()).contains("/models/*"));
    assertThat(executionRole).filteredOn(s -> s.hasActionStartingWith("logs:"))
        .singleElement().satisfies(s -> assertThat(s.resourceJson()).contains("/aws/sagemaker/Endpoints/sms-*"));
  }

  @Test
  void batchRunner_scalesOnQueueBacklog_fromZeroTasks() {
    template.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
        "LaunchType", "FARGATE", "DesiredCount", 0)));
    template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Match.objectLike(Map.of(
        "MinCapacity", 0, "MaxCapacity", 4)));
    template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Match.objectLike(Map.of(
        "StepScalingPolicyConfiguration", Match.objectLike(Map.of("AdjustmentType", "ExactCapacity",
            "StepAdjustments", List.of(Map.of("MetricIntervalUpperBound", 0, "ScalingAdjustment", 0)))))));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("Expression", "visible + inFlight")))))));
    template.hasResourceProperties("AWS::ECS::Cluster", Match.objectLike(Map.of(
        "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled")))));
  }

  @Test
  void alarms_watchEveryDlqFunctionAndThe5xxRate_andNotifyTheEncryptedTopic() {
    List<Map<String, Object>> alarms = properties(template, "AWS::CloudWatch::Alarm");
    assertThat(alarms).filteredOn(a -> "ApproximateNumberOfMessagesVisible".equals(a.get("MetricName"))
        && json(a.get("Dimensions")).contains("Dlq")).hasSize(5);
    int functions = SynthesizedStack.defaultMode().stack().functions().all().size();
    assertThat(functions).isEqualTo(7);
    assertThat(alarms).filteredOn(a -> "Errors".equals(a.get("MetricName"))).hasSize(functions);
    assertThat(alarms).filteredOn(a -> "Throttles".equals(a.get("MetricName"))).hasSize(functions);
    assertThat(alarms).filteredOn(a -> json(a.get("Metrics")).contains("100 * errors / requests")).hasSize(1);
    assertThat(alarms).filteredOn(a -> !json(a.get("Metrics")).contains("visible + inFlight"))
        .allSatisfy(a -> assertThat(json(a.get("AlarmActions"))).contains("AlarmsTopic"));
    template.hasResourceProperties("AWS::SNS::Topic", Map.of(
        "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("KeysOpsKey.*"), "Arn"))));
  }

  @Test
  void functions_runOutsideAVpc_inDefaultMode() {
    assertThat(properties(template, "AWS::Lambda::Function"))
        .filteredOn(f -> "java21".equals(f.get("Runtime")))
        .allSatisfy(f -> assertThat(f).doesNotContainKey("VpcConfig"));
    template.resourceCountIs("AWS::EC2::NatGateway", 0);
    template.resourceCountIs("AWS::EC2::VPCEndpoint", 0);
  }

  @Test
  void outputs_nameTheApiTableQueuesAndBucket() {
    assertThat(template.findOutputs("*").keySet()).contains(
        "ApiUrl", "TableName", "ProvisioningQueueUrl", "BatchQueueUrl", "BatchBucketName", "WebhookQueueUrl");
  }

  private static String logicalId(String type, String prefix) {
    return template.findResources(type).keySet().stream().filter(id -> id.startsWith(prefix)).findFirst()
        .orElseThrow();
  }

  @Test
  void deploymentWorker_mayRegisterOnlyTheSageMakerVariantDimension_andHttpApiEndsModelCallsBeforeTheGateway() {
    template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument",
        Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Sid", "ScaleEndpointVariants",
            "Condition", Map.of("StringEquals", Map.of("application-autoscaling:scalable-dimension",
                "sagemaker:variant:DesiredInstanceCount")))))))))));
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "SPRING_CLOUD_FUNCTION_DEFINITION", "httpApi", "SECUREMODEL_AWS_INVOKE_TIMEOUT", "25s"))),
        "Timeout", 29)));
  }
}
