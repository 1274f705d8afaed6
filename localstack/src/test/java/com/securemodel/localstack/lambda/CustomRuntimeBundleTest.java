package com.securemodel.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomRuntimeBundleTest {

    @Test
    void assemble_intoAFolderThatIsNeitherEmptyNorABundle_refuses_andDeletesNothing(@TempDir Path dir)
            throws IOException {
        Path precious = Files.writeString(dir.resolve("notes.txt"), "keep me");

        assertThatThrownBy(() -> CustomRuntimeBundle.assemble(dir, dir.resolve("app.jar"), dir.resolve("bootstrap")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither empty nor a bundle");
        assertThat(precious).hasContent("keep me");
    }

    @Test
    void trainingEnvironment_makesTheBootstrapRecordTheCacheInTheBundle_andKeepsTheFunctionsVariables(
            @TempDir Path dir) {
        Map<String, String> training = CustomRuntimeBundle.trainingEnvironment(dir, Map.of("MAIN_CLASS", "x.Y"));

        assertThat(training).containsEntry("MAIN_CLASS", "x.Y")
                .containsEntry(CustomRuntimeBundle.AOT_OPTION_VARIABLE,
                        "-XX:AOTCacheOutput=" + dir.resolve(CustomRuntimeBundle.CACHE).toAbsolutePath());
    }
}
