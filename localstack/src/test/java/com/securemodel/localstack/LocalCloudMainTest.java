package com.securemodel.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalCloudMainTest {

    @Test
    void configFrom_withoutOverrides_usesDefaultPorts() {
        LocalCloudConfig config = LocalCloudMain.configFrom(Map.of());

        assertThat(config.withModelsDir(Path.of("models"))).isEqualTo(LocalCloudConfig.defaults());
        assertThat(config.modelsDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".securemodel", "models").toAbsolutePath());
    }

    @Test
    void configFrom_withEnvironmentOverrides_usesThem() {
        LocalCloudConfig config = LocalCloudMain.configFrom(Map.of(
                "SECUREMODEL_DYNAMODB_PORT", "18000",
                "SECUREMODEL_SQS_PORT", "19324",
                "SECUREMODEL_S3_PORT", "0",
                "SECUREMODEL_SAGEMAKER_PORT", "18086",
                "SECUREMODEL_MODELS_DIR", "/tmp/gguf",
                "SECUREMODEL_LLAMA_THREADS", "4"));

        assertThat(config).isEqualTo(LocalCloudConfig.defaults()
                .withPorts(18000, 19324, 0, 18086)
                .withModelsDir(Path.of("/tmp/gguf"))
                .withLlamaThreads(4));
    }

    @Test
    void configFrom_whenPortIsNotANumber_namesTheVariable() {
        assertThatThrownBy(() -> LocalCloudMain.configFrom(Map.of("SECUREMODEL_SQS_PORT", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SECUREMODEL_SQS_PORT");
    }

    @Test
    void configFrom_whenThreadsAreZero_isRejected() {
        assertThatThrownBy(() -> LocalCloudMain.configFrom(Map.of("SECUREMODEL_LLAMA_THREADS", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llamaThreads");
    }

    @Test
    void config_whenPortOutOfRange_isRejected() {
        assertThatThrownBy(() -> LocalCloudConfig.defaults().withPorts(70_000, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dynamoDbPort");
    }
}
