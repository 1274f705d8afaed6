package com.securemodel.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.fakes.InMemoryModelCatalog;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.generation.GenerateResult;
import com.securemodel.core.generation.Usage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelBenchmarkerTest {

    private final InMemoryModelCatalog catalog = new InMemoryModelCatalog();
    private final ModelBenchmarker benchmarker = new ModelBenchmarker(catalog, new MutableClock());
    private final com.securemodel.core.deployment.Deployment deployment = TestDeployments.deployment("dep_b", DeploymentStatus.RUNNING);

    private static GenerateResult result(int tokens) {
        return new GenerateResult("gen_1", "dep_b", "x", "y", "length", new Usage(3, tokens), null);
    }

    @Test
    void aLongEnoughRun_recordsTokensPerSecondAndMemory_once() {
        benchmarker.afterRun(deployment, result(40), Duration.ofSeconds(2));
        benchmarker.afterRun(deployment, result(80), Duration.ofSeconds(1));

        assertThat(catalog.benchmark(deployment.modelName())).hasValueSatisfying(b -> {
            assertThat(b.tokensPerSecond()).isEqualTo(20.0);
            assertThat(b.gpuMemoryGib()).isEqualTo(8.0);
            assertThat(b.precision()).isEqualTo("int4");
        });
        assertThat(catalog.writes).hasValue(1);
    }

    @Test
    void aShortRun_measuresNothing() {
        benchmarker.afterRun(deployment, result(3), Duration.ofMillis(100));

        assertThat(catalog.benchmark(deployment.modelName())).isEmpty();
    }
}
