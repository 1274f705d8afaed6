package com.securemodel.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.model.ModelInfo;
import com.securemodel.core.model.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuFitTest {

    private static final ModelRegistry MODELS = ModelRegistry.builtIn();
    private static final ModelInfo HUATUO = MODELS.find("ZimaBlueAI/HuatuoGPT-o1-8B").orElseThrow();
    private static final ModelInfo LLAMA_70B = MODELS.find("meta-llama/Llama-3.1-70B-Instruct").orElseThrow();
    private final GpuFit fit = new GpuFit(InstanceCatalog.builtIn());

    @Test
    void perGpuGib_8bFp16_exceedsTheUsableMemoryOfOneT4() {
        assertThat(GpuFit.perGpuGib(HUATUO, 4096, Precision.FP16, 1)).isGreaterThan(15.0).isBetween(20.0, 21.0);
    }

    @ParameterizedTest(name = "{0} on {1} with quantization {2} -> {3}, tp {4}")
    @CsvSource({
            "ZimaBlueAI/HuatuoGPT-o1-8B,         g4dn.xlarge,   auto, int4, 1",
            "ZimaBlueAI/HuatuoGPT-o1-8B,         g4dn.xlarge,   int4, int4, 1",
            "ZimaBlueAI/HuatuoGPT-o1-8B,         g5.xlarge,     auto, fp16, 1",
            "ZimaBlueAI/HuatuoGPT-o1-8B,         g5.xlarge,     int8, int8, 1",
            "ZimaBlueAI/HuatuoGPT-o1-8B,         g4dn.12xlarge, none, fp16, 4",
            "mistralai/Mistral-7B-Instruct-v0.3, g4dn.xlarge,   auto, int4, 1",
            "meta-llama/Llama-3.1-70B-Instruct,  g4dn.12xlarge, auto, int4, 4",
            "meta-llama/Llama-3.1-70B-Instruct,  g5.48xlarge,   auto, fp16, 8",
            "securemodel/tiny-random-llama,      g4dn.xlarge,   auto, fp16, 1"
    })
    void plan_picksTheHighestPrecisionThatFits(String model, String instance, String quantization, String precision,
                                               int degree) {
        // when
        HostingPlan plan = fit.plan(MODELS.find(model).orElseThrow(), instance,
                MODELS.find(model).orElseThrow().contextLength(), quantization, "sm-dep-1");
        // then
        assertThat(plan.precision()).isEqualTo(precision);
        assertThat(plan.tensorParallelDegree()).isEqualTo(degree);
        assertThat(plan.endpointName()).isEqualTo("sm-dep-1");
        InstanceType type = InstanceCatalog.builtIn().find(instance).orElseThrow();
        assertThat(plan.estimatedGpuMemoryGib()).isPositive().isLessThanOrEqualTo(degree * type.gpuMemoryGib());
    }

    @Test
    void plan_8bAutoOnG4dnXlarge_fitsQuantizedWithMemoryToSpare() {
        HostingPlan plan = fit.plan(HUATUO, "g4dn.xlarge", 4096, null, "e");

        assertThat(plan.precision()).isNotEqualTo("fp16");
        assertThat(plan.estimatedGpuMemoryGib()).isBetween(7.0, 15.0);
    }

    @Test
    void plan_8bWithoutQuantizationOnG4dnXlarge_isRefusedNamingAlternatives() {
        assertThatThrownBy(() -> fit.plan(HUATUO, "g4dn.xlarge", 4096, "none", "e"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage())
                            .contains("does not fit g4dn.xlarge")
                            .containsIgnoringCase("set model_config.quantization to int4")
                            .containsIgnoringCase("choose instance_type g5.xlarge");
                });
    }

    @Test
    void plan_int8OnT4_isRefusedBecauseTheContainerCannotQuantizeThere() {
        assertThatThrownBy(() -> fit.plan(HUATUO, "g4dn.xlarge", 4096, "int8", "e"))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getMessage())
                        .contains("A10G or newer").contains("int4").contains("g5.xlarge"));
    }

    @Test
    void plan_70bOnG4dnXlarge_isRefusedNamingAMultiGpuInstance() {
        assertThatThrownBy(() -> fit.plan(LLAMA_70B, "g4dn.xlarge", 8192, "auto", "e"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage()).containsIgnoringCase("choose instance_type g5.48xlarge");
                });
    }

    @Test
    void plan_70bInFp16OnG4dn12xlarge_isRefusedNamingInt4() {
        assertThatThrownBy(() -> fit.plan(LLAMA_70B, "g4dn.12xlarge", 8192, "none", "e"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.getMessage()).containsIgnoringCase("set model_config.quantization to int4"));
    }

    @Test
    void plan_70bInInt4OnG4dnXlarge_namesTheSmallestInstanceForInt4() {
        assertThatThrownBy(() -> fit.plan(LLAMA_70B, "g4dn.xlarge", 8192, "int4", "e"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.getMessage()).containsIgnoringCase("choose instance_type g4dn.12xlarge (fits int4)"));
    }

    @Test
    void plan_tensorParallel_needsGpuCountToDivideKvHeads() {
        // given a model with 6 KV heads: 4 GPUs cannot split them
        ModelInfo odd = new ModelInfo("x/odd", "odd", "1", "d", 8_000_000_000L, 4096, false, 40, 6, 128);
        // when / then
        assertThatThrownBy(() -> fit.plan(odd, "g4dn.12xlarge", 4096, "none", "e"))
                .isInstanceOf(ServiceException.class);
        assertThat(fit.plan(odd, "g5.12xlarge", 4096, "none", "e").tensorParallelDegree()).isEqualTo(1);
    }

    @Test
    void plan_unknownInstanceType_isInstanceTypeUnavailableListingKnownTypes() {
        assertThatThrownBy(() -> fit.plan(HUATUO, "p9.mega", 4096, null, "e"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_TYPE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("p9.mega").contains("g4dn.xlarge").contains("g5.48xlarge");
                });
    }

    @Test
    void plan_unknownQuantization_isValidationErrorListingValidOnes() {
        assertThatThrownBy(() -> fit.plan(HUATUO, "g5.xlarge", 4096, "int3", "e"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage()).contains("auto, none, int8, int4");
                });
    }

    @Test
    void plan_acceptsTheSageMakerPrefixAndUpperCaseQuantization() {
        assertThat(fit.plan(HUATUO, "ml.g5.xlarge", 4096, "INT4", "e").precision()).isEqualTo("int4");
    }

    @Test
    void plan_shorterContext_needsLessMemory() {
        double full = fit.plan(HUATUO, "g5.xlarge", 4096, "none", "e").estimatedGpuMemoryGib();
        double short_ = fit.plan(HUATUO, "g5.xlarge", 512, "none", "e").estimatedGpuMemoryGib();

        assertThat(short_).isLessThan(full);
    }
}
