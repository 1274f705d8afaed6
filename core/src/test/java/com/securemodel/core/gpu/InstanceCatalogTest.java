package com.securemodel.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceCatalogTest {

    private final InstanceCatalog catalog = InstanceCatalog.builtIn();

    @Test
    void builtIn_g4dnXlargeIsOneT4WithUsableMemory() {
        InstanceType type = catalog.find("g4dn.xlarge").orElseThrow();

        assertThat(type.gpus()).isEqualTo(1);
        assertThat(type.gpuModel()).isEqualTo("NVIDIA T4");
        assertThat(type.gpuMemoryGib()).isEqualTo(15.0);
        assertThat(type.bf16()).isFalse();
        assertThat(type.localNvme()).isTrue();
        assertThat(type.sageMakerName()).isEqualTo("ml.g4dn.xlarge");
    }

    @Test
    void builtIn_multiGpuTypesHaveTheirGpuCounts() {
        assertThat(catalog.find("g4dn.12xlarge").orElseThrow().gpus()).isEqualTo(4);
        assertThat(catalog.find("g4dn.metal").orElseThrow().gpus()).isEqualTo(8);
        assertThat(catalog.find("g5.12xlarge").orElseThrow().gpus()).isEqualTo(4);
        assertThat(catalog.find("g5.48xlarge").orElseThrow().gpus()).isEqualTo(8);
        assertThat(catalog.find("g4dn.12xlarge").orElseThrow().totalGpuMemoryGib()).isEqualTo(60.0);
    }

    @Test
    void builtIn_everyG4dnAndG5HasLocalNvme() {
        assertThat(catalog.list()).filteredOn(t -> t.name().startsWith("g4dn.") || t.name().startsWith("g5."))
                .hasSize(15)
                .allSatisfy(t -> assertThat(t.localNvme()).isTrue());
        assertThat(catalog.find("g5.xlarge").orElseThrow().bf16()).isTrue();
    }

    @Test
    void find_acceptsTheSageMakerPrefix() {
        assertThat(catalog.find("ml.g5.2xlarge")).map(InstanceType::name).contains("g5.2xlarge");
        assertThat(catalog.find("m5.large")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
    }
}
