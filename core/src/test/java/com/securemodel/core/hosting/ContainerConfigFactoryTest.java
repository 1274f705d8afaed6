package com.securemodel.core.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.TestDeployments;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerConfigFactoryTest {

    private final ContainerConfigFactory factory = new ContainerConfigFactory();

    private static Deployment planned(String precision, int degree, String region) {
        Deployment base = TestDeployments.deployment("dep_abc", DeploymentStatus.CREATING);
        return new Deployment(base.clientId(), base.id(), base.modelName(), base.deploymentName(), base.computeType(),
                base.instanceType(), 1, 1, 0, false, region, null, Map.of(), base.modelConfig(),
                base.securitySettings(), new HostingPlan(precision, degree, 9.0, "sm-dep-abc"), base.status(), null,
                base.createdAt(), base.updatedAt(), 1);
    }

    @Test
    void containerFor_fp16_setsTheLmiVllmEnvironmentWithoutQuantization() {
        ContainerSpec spec = factory.containerFor(planned("fp16", 1, "us-east-1"));

        assertThat(spec.image())
                .isEqualTo("763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128");
        assertThat(spec.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "HF_MODEL_ID", "ZimaBlueAI/HuatuoGPT-o1-8B",
                "OPTION_ROLLING_BATCH", "vllm",
                "OPTION_DTYPE", "fp16",
                "OPTION_TENSOR_PARALLEL_DEGREE", "1",
                "SM_NUM_GPUS", "1",
                "OPTION_MAX_ROLLING_BATCH_SIZE", "16",
                "OPTION_MAX_MODEL_LEN", "4096"));
    }

    @Test
    void containerFor_int8_quantizesWithFp8() {
        assertThat(factory.containerFor(planned("int8", 1, "us-east-1")).environment())
                .containsEntry("OPTION_QUANTIZE", "fp8")
                .doesNotContainKey("OPTION_LOAD_FORMAT");
    }

    @Test
    void containerFor_int4_quantizesWithBitsandbytes() {
        assertThat(factory.containerFor(planned("int4", 1, "us-east-1")).environment())
                .containsEntry("OPTION_QUANTIZE", "bitsandbytes")
                .containsEntry("OPTION_LOAD_FORMAT", "bitsandbytes")
                .containsEntry("OPTION_DTYPE", "fp16");
    }

    @Test
    void containerFor_tensorParallel_setsDegreeAndGpuCount() {
        assertThat(factory.containerFor(planned("int4", 4, "us-east-1")).environment())
                .containsEntry("OPTION_TENSOR_PARALLEL_DEGREE", "4")
                .containsEntry("SM_NUM_GPUS", "4");
    }

    @Test
    void containerFor_usesTheRegionsRegistry() {
        assertThat(factory.containerFor(planned("fp16", 1, "eu-west-1")).image())
                .isEqualTo("763104351884.dkr.ecr.eu-west-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128");
        assertThat(factory.containerFor(planned("fp16", 1, "af-south-1")).image())
                .startsWith("626614931356.dkr.ecr.af-south-1.amazonaws.com/");
    }

    @Test
    void containerFor_regionWithoutImage_isInstanceTypeUnavailable() {
        assertThatThrownBy(() -> factory.containerFor(planned("fp16", 1, "xx-nowhere-9")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_TYPE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("no serving image in region xx-nowhere-9")
                            .contains("us-east-1");
                });
    }

    @Test
    void containerFor_withSwappedImages_usesThem() {
        ContainerConfigFactory local = new ContainerConfigFactory(Map.of("us-east-1", "local/llama-cpp:latest"));

        assertThat(local.containerFor(planned("fp16", 1, "us-east-1")).image()).isEqualTo("local/llama-cpp:latest");
    }
}
