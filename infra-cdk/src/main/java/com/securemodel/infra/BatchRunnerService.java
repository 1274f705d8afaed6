package com.securemodel.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The batch runner on ECS Fargate: image built from {@code batch-runner/Dockerfile}, tasks in the workload subnets
 * with no ingress, logs to a KMS-encrypted group, Container Insights on. The task count follows the batch queue's
 * backlog (visible plus in-flight messages): zero when both are zero, so an idle stack runs no task and a task is
 * never stopped while it still holds a message.
 *
 * @see <a href="https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html">
 *     Step scaling policies</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html">ECS task IAM role</a>
 */
public final class BatchRunnerService extends Construct {

  private final FargateService service;
  private final FargateTaskDefinition taskDefinition;

  public BatchRunnerService(Construct scope, String id, StackSettings settings, Network network,
      ServiceKeys keys, IQueue batchQueue, Map<String, String> environment) {
    super(scope, id);
    Cluster cluster = Cluster.Builder.create(this, "Cluster")
        .vpc(network.vpc())
        .containerInsightsV2(ContainerInsights.ENABLED)
        .build();
    taskDefinition = FargateTaskDefinition.Builder.create(this, "Task")
        .cpu(1024)
        .memoryLimitMiB(2048)
        .build();
    LogGroup logs = LogGroup.Builder.create(this, "Logs")
        .encryptionKey(keys.ops())
        .retention(RetentionDays.ONE_YEAR)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    taskDefinition.addContainer("BatchRunner", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromAsset(settings.batchRunnerDir(), AssetImageProps.builder()
            .exclude(List.of("*", "!Dockerfile", "!target", "target/*", "!target/batch-runner-*.jar"))
            .build()))
        .environment(environment)
        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("batch-runner").build()))
        .build());
    service = FargateService.Builder.create(this, "Service")
        .cluster(cluster)
        .taskDefinition(taskDefinition)
        .desiredCount(0)
        .minHealthyPercent(0)
        .vpcSubnets(network.workloadSubnets())
        .securityGroups(List.of(network.workloadSecurityGroup()))
        .assignPublicIp(!network.privateMode())
        .build();
    scaleOnBacklog(batchQueue, settings.batchMaxTasks());

    Nag.suppress(taskDefinition, "AwsSolutions-ECS2",
        "The environment holds resource names and flags only (table, queue URL, bucket, prefix); no secret.");
    Nag.suppress(taskDefinition, "AwsSolutions-IAM5",
        "ecr:GetAuthorizationToken (image pull from the CDK assets repository) supports no resource-level "
            + "permission.",
        "Resource::*");
  }

  private void scaleOnBacklog(IQueue queue, int maxTasks) {
    ScalableTaskCount count = service.autoScaleTaskCount(
        EnableScalingProps.builder().minCapacity(0).maxCapacity(maxTasks).build());
    MathExpression backlog = MathExpression.Builder.create()
        .expression("visible + inFlight")
        .usingMetrics(Map.of(
            "visible", queue.metricApproximateNumberOfMessagesVisible(),
            "inFlight", queue.metricApproximateNumberOfMessagesNotVisible()))
        .period(Duration.minutes(1))
        .label("Batch queue backlog")
        .build();
    count.scaleOnMetric("ScaleOnBacklog", BasicStepScalingPolicyProps.builder()
        .metric(backlog)
        .adjustmentType(AdjustmentType.EXACT_CAPACITY)
        .scalingSteps(List.of(
            ScalingInterval.builder().upper(0).change(0).build(),
            ScalingInterval.builder().lower(1).change(1).build(),
            ScalingInterval.builder().lower(100).change(maxTasks).build()))
        .cooldown(Duration.minutes(2))
        .build());
  }

  public FargateService service() {
    return service;
  }

  public FargateTaskDefinition taskDefinition() {
    return taskDefinition;
  }
}
