package com.securemodel.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * SageMaker least privilege. The execution role that the service's models run with (read model artifacts under
 * {@code models/}, pull the AWS Deep Learning Container images, write endpoint logs), and the grants for the
 * service's own roles: manage and invoke only models, endpoint configs and endpoints named {@code <prefix>-*},
 * pass only that execution role and only to SageMaker, and create endpoint configs only on the allowed instance
 * types ({@code sagemaker:InstanceTypes}); in VPC mode, create models only with network isolation.
 *
 * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html">
 *     Actions, resources and condition keys for SageMaker</a>
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createmodel-perms">
 *     CreateModel execution role permissions</a>
 */
public final class SageMakerAccess extends Construct {

  /** Account of the AWS Deep Learning Containers registry (DJL LMI, TGI), in most commercial regions. */
  public static final String DLC_ACCOUNT = "763104351884";
  static final List<String> DLC_REPOSITORIES = List.of("djl-inference", "huggingface-pytorch-tgi-inference");

  private final Role executionRole;
  private final String prefix;
  private final List<String> allowedInstanceTypes;
  private final boolean networkIsolation;

  public SageMakerAccess(Construct scope, String id, StackSettings settings, IBucket artifacts) {
    super(scope, id);
    this.prefix = settings.endpointPrefix();
    this.allowedInstanceTypes = settings.allowedInstanceTypes();
    this.networkIsolation = settings.vpcMode();
    executionRole = Role.Builder.create(this, "ExecutionRole")
        .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
        .description("Execution role of the " + prefix + "-* SageMaker models")
        .build();
    artifacts.grantRead(executionRole, BatchBucket.MODELS_PREFIX + "*");
    Stack stack = Stack.of(this);
    executionRole.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"))
        .resources(DLC_REPOSITORIES.stream().map(repo -> stack.formatArn(ArnComponents.builder()
            .service("ecr").account(DLC_ACCOUNT).resource("repository").resourceName(repo).build())).toList())
        .build());
    executionRole.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("ecr:GetAuthorizationToken"))
        .resources(List.of("*"))
        .build());
    String endpointLogs = "/aws/sagemaker/Endpoints/" + prefix + "-*";
    executionRole.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
        .resources(List.of(logsArn(endpointLogs), logsArn(endpointLogs + ":log-stream:*")))
        .build());
    Nag.suppress(executionRole, "AwsSolutions-IAM5",
        "ecr:GetAuthorizationToken supports no resource-level permission; endpoint log groups are created by "
            + "SageMaker per endpoint, so they are scoped by the service's name prefix.",
        "Resource::*",
        Nag.regex("/^Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/sagemaker/"
            + "Endpoints/" + prefix + "-\\*(:log-stream:\\*)?$/g"));
    Nag.grantWildcards(executionRole);
  }

  /** Create, describe, update and delete {@code <prefix>-*} models, endpoint configs and endpoints. */
  public void grantManage(IGrantable grantee) {
    grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("ManagePrefixedSageMakerResources")
        .actions(List.of(
            "sagemaker:DescribeModel", "sagemaker:DeleteModel",
            "sagemaker:DescribeEndpointConfig", "sagemaker:DeleteEndpointConfig",
            "sagemaker:CreateEndpoint", "sagemaker:DescribeEndpoint", "sagemaker:UpdateEndpoint",
            "sagemaker:DeleteEndpoint", "sagemaker:AddTags", "sagemaker:ListTags",
            "sagemaker:UpdateEndpointWeightsAndCapacities"))
        .resources(List.of(arn("model"), arn("endpoint-config"), arn("endpoint")))
        .build());
    PolicyStatement.Builder createModel = PolicyStatement.Builder.create()
        .sid("CreatePrefixedModels")
        .actions(List.of("sagemaker:CreateModel"))
        .resources(List.of(arn("model")));
    if (networkIsolation) {
      createModel.conditions(Map.of("Bool", Map.of("sagemaker:NetworkIsolation", "true")));
    }
    grantee.getGrantPrincipal().addToPrincipalPolicy(createModel.build());
    grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("CreateEndpointConfigsOnAllowedInstanceTypes")
        .actions(List.of("sagemaker:CreateEndpointConfig"))
        .resources(List.of(arn("endpoint-config")))
        .conditions(Map.of(
            "ForAllValues:StringEquals", Map.of("sagemaker:InstanceTypes", allowedInstanceTypes),
            "Null", Map.of("sagemaker:InstanceTypes", "false")))
        .build());
    grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("PassTheModelExecutionRoleToSageMaker")
        .actions(List.of("iam:PassRole"))
        .resources(List.of(executionRole.getRoleArn()))
        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")))
        .build());
    suppressPrefixWildcards(grantee);
  }

  /**
   * Register {@code <prefix>-*} endpoint variants with Application Auto Scaling (target tracking on invocations per
   * instance) and deregister them: its scalable-target ARNs carry random ids and its Describe calls take no
   * resource, so those actions are allowed on {@code *} but only for the SageMaker variant dimension; the target
   * tracking alarms it creates are named after the endpoint; the service-linked role is created on first use.
   *
   * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-prerequisites.html">Auto
   *     scaling prerequisites</a>
   */
  public void grantAutoScaling(IGrantable grantee) {
    Stack stack = Stack.of(this);
    grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("ScaleEndpointVariants")
        .actions(List.of("application-autoscaling:RegisterScalableTarget",
            "application-autoscaling:DeregisterScalableTarget", "application-autoscaling:PutScalingPolicy",
            "application-autoscaling:DeleteScalingPolicy"))
        .resources(List.of("*"))
        .conditions(Map.of("StringEquals", Map.of("application-autoscaling:scalable-dimension",
            "sagemaker:variant:DesiredInstanceCount")))
        .build());
    grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("DescribeScalableTargets")
        .actions(List.of("application-autoscaling:DescribeScalableTargets",
            "application-autoscaling:DescribeScalingPolicies"))
        .resources(List.of("*"))
        .build());
    grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("TargetTrackingAlarmsOfPrefixedEndpoints")
        .actions(List.of("cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms"))
        .resources(List.of(stack.formatArn(ArnComponents.builder().service("cloudwatch").resource("alarm")
            .resourceName("TargetTracking-endpoint/" + prefix + "-*").arnFormat(ArnFormat.COLON_RESOURCE_NAME)
            .build())))
        .build());
    grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("AutoScalingServiceLinkedRole")
        .actions(List.of("iam:CreateServiceLinkedRole"))
        .resources(List.of(stack.formatArn(ArnComponents.builder().service("iam").region("")
            .resource("role").resourceName("aws-service-role/sagemaker.application-autoscaling.amazonaws.com/"
                + "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint")
            .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
        .conditions(Map.of("StringLike", Map.of("iam:AWSServiceName",
            "sagemaker.application-autoscaling.amazonaws.com")))
        .build());
    if (grantee instanceof Construct construct) {
      Nag.suppress(construct, "AwsSolutions-IAM5", "Application Auto Scaling: scalable-target ARNs carry random "
              + "ids and Describe calls take no resource, so these actions need *; the write actions are limited to "
              + "the SageMaker variant dimension, and the endpoints themselves to <prefix>-* by the SageMaker "
              + "statements; target tracking alarms are named after <prefix>-* endpoints.",
          "Resource::*", Nag.regex("/^Resource::arn:<AWS::Partition>:cloudwatch:<AWS::Region>:<AWS::AccountId>:"
              + "alarm:TargetTracking-endpoint/" + prefix + "-\\*$/g"));
    }
  }

  /** Read the state of {@code <prefix>-*} endpoints and invoke them, buffered or streaming. */
  public void grantInvoke(IGrantable grantee) {
    grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("InvokePrefixedEndpoints")
        .actions(List.of("sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointWithResponseStream",
            "sagemaker:DescribeEndpoint"))
        .resources(List.of(arn("endpoint")))
        .build());
    suppressPrefixWildcards(grantee);
  }

  private void suppressPrefixWildcards(IGrantable grantee) {
    if (grantee instanceof Construct construct) {
      Nag.suppress(construct, "AwsSolutions-IAM5",
          "SageMaker resources are created at run time, one per deployment; the service's own ARNs are the ones "
              + "named with its prefix '" + prefix + "-'.",
          Nag.regex("/^Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:"
              + "(model|endpoint-config|endpoint)/" + prefix + "-\\*$/g"));
    }
  }

  private String arn(String resourceType) {
    return Stack.of(this).formatArn(ArnComponents.builder()
        .service("sagemaker").resource(resourceType).resourceName(prefix + "-*")
        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
  }

  private String logsArn(String name) {
    return Stack.of(this).formatArn(ArnComponents.builder()
        .service("logs").resource("log-group").resourceName(name).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
  }

  public Role executionRole() {
    return executionRole;
  }

  public boolean networkIsolation() {
    return networkIsolation;
  }
}
