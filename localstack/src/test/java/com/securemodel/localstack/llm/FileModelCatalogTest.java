package com.securemodel.localstack.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileModelCatalogTest {

    @TempDir
    Path dir;

    @Test
    void resolve_tinyModel_generatesItOnFirstUseOnceUnderConcurrency() throws Exception {
        var catalog = new FileModelCatalog(dir);

        List<Path> paths;
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<Path>> futures = pool.invokeAll(
                    List.of(() -> catalog.resolve(TinyModelGenerator.MODEL_ID), () -> catalog.resolve(TinyModelGenerator.MODEL_ID),
                            () -> catalog.resolve(TinyModelGenerator.MODEL_ID), () -> catalog.resolve(TinyModelGenerator.MODEL_ID)));
            paths = futures.stream().map(FileModelCatalogTest::get).toList();
        }

        assertThat(paths).containsOnly(dir.toAbsolutePath().resolve(TinyModelGenerator.FILE_NAME));
        assertThat(Files.size(paths.getFirst())).isPositive();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(paths.getFirst());
        }
    }

    @Test
    void resolve_builtInModelWithoutFile_namesTheExpectedPathAndHowToProvideIt() {
        var catalog = new FileModelCatalog(dir);

        assertThatThrownBy(() -> catalog.resolve("ZimaBlueAI/HuatuoGPT-o1-8B"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(dir.toAbsolutePath().resolve("HuatuoGPT-o1-8B-Q4_K_M.gguf").toString())
                .hasMessageContaining("Q4_K_M").hasMessageContaining("catalog.properties");
    }

    @Test
    void resolve_catalogFileEntries_relativeAndAbsolute() throws IOException {
        Path absolute = Files.writeString(dir.resolve("elsewhere.gguf"), "x");
        Files.writeString(dir.resolve("mine.gguf"), "x");
        Files.writeString(dir.resolve(FileModelCatalog.CATALOG_FILE),
                "acme/mine=mine.gguf\nacme/other=" + absolute + "\n");
        var catalog = new FileModelCatalog(dir);

        assertThat(catalog.resolve("acme/mine")).isEqualTo(dir.toAbsolutePath().resolve("mine.gguf"));
        assertThat(catalog.resolve("acme/other")).isEqualTo(absolute);
    }

    @Test
    void resolve_plainGgufNamedLikeTheIdsLastSegment() throws IOException {
        Files.writeString(dir.resolve("Llama-3.2-1B.gguf"), "x");

        assertThat(new FileModelCatalog(dir).resolve("meta-llama/Llama-3.2-1B"))
                .isEqualTo(dir.toAbsolutePath().resolve("Llama-3.2-1B.gguf"));
    }

    @Test
    void resolve_unknownId_listsKnownIdsAndHowToAddOne() {
        assertThatThrownBy(() -> new FileModelCatalog(dir).resolve("acme/unknown"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("unknown model id 'acme/unknown'")
                .hasMessageContaining(TinyModelGenerator.MODEL_ID).hasMessageContaining("ZimaBlueAI/HuatuoGPT-o1-8B")
                .hasMessageContaining("acme/unknown=<file>.gguf");
    }

    @Test
    void defaultModelsDir_prefersTheEnvironmentVariable() {
        assertThat(FileModelCatalog.defaultModelsDir(Map.of(FileModelCatalog.MODELS_DIR_ENV, "/data/models"), "/home/u"))
                .isEqualTo(Path.of("/data/models"));
        assertThat(FileModelCatalog.defaultModelsDir(Map.of(), "/home/u"))
                .isEqualTo(Path.of("/home/u/.securemodel/models"));
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
