package com.securemodel.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    private final ModelRegistry registry = ModelRegistry.builtIn();

    @Test
    void builtIn_containsTheReferenceModelWithItsFields() {
        ModelInfo huatuo = registry.find("ZimaBlueAI/HuatuoGPT-o1-8B").orElseThrow();

        assertThat(huatuo.name()).isEqualTo("HuatuoGPT");
        assertThat(huatuo.version()).isEqualTo("o1-8B");
        assertThat(huatuo.description()).isEqualTo("Clinical assistant model trained for healthcare applications");
        assertThat(huatuo.parameters()).isEqualTo(8_030_000_000L);
        assertThat(huatuo.contextLength()).isEqualTo(4096);
        assertThat(huatuo.supportedFineTuning()).isTrue();
        assertThat(huatuo.layers()).isEqualTo(32);
        assertThat(huatuo.kvHeads()).isEqualTo(8);
        assertThat(huatuo.headDim()).isEqualTo(128);
    }

    @Test
    void builtIn_containsTheTinyLocalTestModel() {
        ModelInfo tiny = registry.find(ModelRegistry.TINY_TEST_MODEL).orElseThrow();

        assertThat(tiny.id()).isEqualTo("securemodel/tiny-random-llama");
        assertThat(tiny.contextLength()).isEqualTo(2048);
        assertThat(tiny.description()).containsIgnoringCase("random weights");
        assertThat(tiny.parameters()).isLessThan(1_000_000L);
    }

    @Test
    void builtIn_hasUniqueIdsAndPlausibleShapes() {
        assertThat(registry.list()).extracting(ModelInfo::id).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(5);
        assertThat(registry.list()).allSatisfy(m -> {
            assertThat(m.layers()).isPositive();
            assertThat(m.kvHeads()).isPositive();
            assertThat(m.headDim()).isPositive();
            assertThat(m.contextLength()).isPositive();
        });
        assertThat(registry.ids()).contains("meta-llama/Llama-3.1-70B-Instruct");
    }

    @Test
    void find_unknownId_isEmpty() {
        assertThat(registry.find("nope/nothing")).isEmpty();
    }
}
