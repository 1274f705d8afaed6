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

/** The VPC mode ({@code -c vpc=true}): private subnets, VPC endpoints, SageMaker network isolation. */
class SecureModelStackVpcModeTest {

  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = SynthesizedStack.vpcMode().template();
  }

  @Test
  void functions_runInPrivateSubnets_withTheWorkloadSecurityGroup() {
    List<Map<String, Object>> functions = properties(template, "AWS::Lambda::Function").stream()
        .filter(f -> "java21".equals(f.get("Runtime"))).toList();
    assertThat(functions).hasSize(7).allSatisfy(f -> {
      assertThat(json(f.get("VpcConfig"))).contains("NetworkVpcprivateSubnet1", "NetworkVpcprivateSubnet2",
          "NetworkWorkloadSecurityGroup");
      assertThat(json(f.get("Environment"))).contains("\"SECUREMODEL_NETWORK_ISOLATION\":\"true\"");
    });
  }

  @Test
  void vpc_hasEndpointsForDynamoDbS3SqsAndSageMaker() {
    List<String> services = properties(template, "AWS::EC2::VPCEndpoint").stream()
        .map(e -> json(e.get("ServiceName"))).toList();
    assertThat(services).hasSize(5);
    for (String service : List.of("dynamodb", "s3", "sqs", "sagemaker.api", "sagemaker.runtime")) {
      assertThat(services).anySatisfy(s -> assertThat(s).containsPattern("\\." + service.replace(".", "\\.") + "\""));
    }
    template.hasResourceProperties("AWS::EC2::VPCEndpoint", Match.objectLike(Map.of(
        "VpcEndpointType", "Interface", "PrivateDnsEnabled", true)));
  }

  @Test
  void vpc_hasOneNatGateway_andFlowLogsOfAllTraffic() {
    template.resourceCountIs("AWS::EC2::NatGateway", 1);
    template.hasResourceProperties("AWS::EC2::FlowLog", Match.objectLike(Map.of(
        "TrafficType", "ALL", "LogDestinationType", "cloud-watch-logs")));
  }

  @Test
  void createModel_requiresNetworkIsolation() {
    assertThat(statements(template)).filteredOn(s -> s.actions().contains("sagemaker:CreateModel"))
        .singleElement()
        .satisfies(s -> assertThat(s.conditionJson())
            .isEqualTo(json(Map.of("Bool", Map.of("sagemaker:NetworkIsolation", "true")))));
  }

  @Test
  void batchRunnerTasks_getNoPublicIp() {
    template.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
        "NetworkConfiguration", Map.of("AwsvpcConfiguration", Match.objectLike(Map.of(
            "AssignPublicIp", "DISABLED"))))));
  }
}
