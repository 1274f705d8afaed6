package com.securemodel.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC. Always present because Fargate tasks need one; with {@code vpcMode} it also hosts the Lambda functions.
 *
 * <p>Default mode: two public subnets and no NAT gateway (nothing costs while idle); batch runner tasks get a
 * public IP for their outbound TLS calls and a security group with no ingress. VPC mode: public subnets hold only
 * one NAT gateway; functions and tasks run in private subnets; DynamoDB and S3 are reached through gateway
 * endpoints and SQS, SageMaker API and SageMaker runtime through interface endpoints with private DNS, so tenant
 * data never crosses the NAT. Flow logs of all traffic go to a KMS-encrypted log group.
 *
 * @see <a href="https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html">AWS
 *     services that integrate with PrivateLink</a>
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/interface-vpc-endpoint.html">SageMaker API and
 *     runtime through an interface VPC endpoint</a>
 */
public final class Network extends Construct {

  private final Vpc vpc;
  private final boolean privateMode;
  private final SecurityGroup workloadSecurityGroup;

  public Network(Construct scope, String id, boolean privateMode, IKey logKey) {
    super(scope, id);
    this.privateMode = privateMode;
    List<SubnetConfiguration> subnets = privateMode
        ? List.of(
            SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
            SubnetConfiguration.builder().name("private").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(20)
                .build())
        : List.of(SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build());
    vpc = Vpc.Builder.create(this, "Vpc")
        .maxAzs(2)
        .natGateways(privateMode ? 1 : 0)
        .subnetConfiguration(subnets)
        .restrictDefaultSecurityGroup(true)
        .build();
    LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
        .encryptionKey(logKey)
        .retention(RetentionDays.ONE_YEAR)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    vpc.addFlowLog("FlowLog", FlowLogOptions.builder()
        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
        .trafficType(FlowLogTrafficType.ALL)
        .build());
    workloadSecurityGroup = SecurityGroup.Builder.create(this, "WorkloadSecurityGroup")
        .vpc(vpc)
        .description("Functions and batch runner tasks: no ingress, outbound TLS")
        .allowAllOutbound(true)
        .build();
    if (privateMode) {
      addEndpoints();
    }
    String reason = privateMode
        ? "The public subnets hold only the NAT gateway; functions and tasks run in private subnets."
        : "Default mode has no NAT gateway: batch runner tasks use public subnets with a public IP for outbound "
            + "TLS only (security group without ingress). Deploy with -c vpc=true for private subnets.";
    Nag.suppress(vpc, "HIPAA.Security-VPCNoUnrestrictedRouteToIGW", reason);
    Nag.suppress(vpc, "HIPAA.Security-VPCSubnetAutoAssignPublicIpDisabled", reason);
  }

  private void addEndpoints() {
    SubnetSelection privateSubnets = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
    vpc.addGatewayEndpoint("DynamoDb", GatewayVpcEndpointOptions.builder()
        .service(GatewayVpcEndpointAwsService.DYNAMODB).subnets(List.of(privateSubnets)).build());
    vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder()
        .service(GatewayVpcEndpointAwsService.S3).subnets(List.of(privateSubnets)).build());
    Map.of("Sqs", InterfaceVpcEndpointAwsService.SQS,
            "SageMakerApi", InterfaceVpcEndpointAwsService.SAGEMAKER_API,
            "SageMakerRuntime", InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME)
        .forEach((name, service) -> vpc.addInterfaceEndpoint(name, InterfaceVpcEndpointOptions.builder()
            .service(service)
            .subnets(privateSubnets)
            .privateDnsEnabled(true)
            .build()));
  }

  public Vpc vpc() {
    return vpc;
  }

  /** Where functions and tasks run: private subnets in VPC mode, the public subnets otherwise. */
  public SubnetSelection workloadSubnets() {
    return SubnetSelection.builder()
        .subnetType(privateMode ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PUBLIC)
        .build();
  }

  public SecurityGroup workloadSecurityGroup() {
    return workloadSecurityGroup;
  }

  public boolean privateMode() {
    return privateMode;
  }
}
