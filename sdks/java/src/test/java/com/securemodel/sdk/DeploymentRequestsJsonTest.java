package com.securemodel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.sdk.internal.Transport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bodies of {@code POST /deployments} and {@code PATCH /deployments/{id}} as the builders set them. */
class DeploymentRequestsJsonTest {

    @Test
    void deployRequest_sendsEverySettingItWasGiven_andNotTheIdempotencyKey() {
        DeployRequest request = DeployRequest.builder("m").deploymentName("d").useGpu(true).computeType("gpu")
                .instanceType("ml.g5.xlarge").minReplicas(1).maxReplicas(3).autoScaling(true).region("us-east-1")
                .vpcConfig(Map.of("subnet", "s")).tags(Map.of("team", "a")).modelConfig(Map.of("max_tokens", 64))
                .securitySettings(Map.of("hipaa", true)).idempotencyKey("k").build();

        JsonNode body = Transport.JSON.valueToTree(request);

        assertThat(body).isEqualTo(Transport.JSON.valueToTree(Map.ofEntries(Map.entry("model_name", "m"),
                Map.entry("deployment_name", "d"), Map.entry("use_gpu", true), Map.entry("compute_type", "gpu"),
                Map.entry("instance_type", "ml.g5.xlarge"), Map.entry("min_replicas", 1),
                Map.entry("max_replicas", 3), Map.entry("auto_scaling", true), Map.entry("region", "us-east-1"),
                Map.entry("vpc_config", Map.of("subnet", "s")), Map.entry("tags", Map.of("team", "a")),
                Map.entry("model_config", Map.of("max_tokens", 64)),
                Map.entry("security_settings", Map.of("hipaa", true)))));
        assertThat(request.idempotencyKey()).isEqualTo("k");
    }

    @Test
    void updateRequest_sendsOnlyWhatWasSet() {
        UpdateDeploymentRequest request = UpdateDeploymentRequest.builder().minReplicas(2).autoScaling(false)
                .tags(Map.of("version", "2.0")).build();

        JsonNode body = Transport.JSON.valueToTree(request);

        assertThat(body).isEqualTo(Transport.JSON.valueToTree(Map.of("min_replicas", 2, "auto_scaling", false,
                "tags", Map.of("version", "2.0"))));
    }

    @Test
    void updateRequest_sendsEachSettingItShares_withADeployUnderTheSameField() {
        UpdateDeploymentRequest request = UpdateDeploymentRequest.builder().instanceType("ml.g5.xlarge")
                .minReplicas(1).maxReplicas(3).autoScaling(true).tags(Map.of("team", "a"))
                .modelConfig(Map.of("max_tokens", 64)).build();

        JsonNode body = Transport.JSON.valueToTree(request);

        assertThat(body).isEqualTo(Transport.JSON.valueToTree(Map.of("instance_type", "ml.g5.xlarge",
                "min_replicas", 1, "max_replicas", 3, "auto_scaling", true, "tags", Map.of("team", "a"),
                "model_config", Map.of("max_tokens", 64))));
    }
}
