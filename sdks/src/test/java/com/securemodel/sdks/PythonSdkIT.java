package com.securemodel.sdks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Python SDK ({@code sdks/python}): its wheel builds offline, and its {@code unittest} suite passes against the
 * local service with the wheel installed (not the source tree) on the interpreter's path.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PythonSdkIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path WHEELS = TARGET.resolve("python-wheel");
    private static final Path INSTALLED = TARGET.resolve("python-installed");

    private static String python;

    @BeforeAll
    static void findPython() {
        python = Python.require();
    }

    @Test
    @Order(1)
    void wheel_buildsOfflineWithoutDependencies_andInstalls() throws IOException {
        deleteTree(WHEELS);
        deleteTree(INSTALLED);
        Map<String, String> offline = Map.of("PIP_NO_INDEX", "1", "PIP_DISABLE_PIP_VERSION_CHECK", "1");

        var built = LocalService.run(Python.SDK, offline, Duration.ofMinutes(3), python, "-m", "pip", "wheel",
                "--no-deps", "--no-build-isolation", ".", "-w", WHEELS.toString());

        assertThat(built.succeeded()).as(built.output()).isTrue();
        Path wheel;
        try (Stream<Path> files = Files.list(WHEELS)) {
            wheel = files.filter(p -> p.getFileName().toString().matches("paitient_secure_model-.*-py3-none-any\\.whl"))
                    .findFirst().orElseThrow(() -> new AssertionError("no wheel in " + WHEELS));
        }
        var installed = LocalService.run(Python.SDK, offline, Duration.ofMinutes(2), python, "-m", "pip", "install",
                "--no-deps", "--no-index", "--target", INSTALLED.toString(), wheel.toString());
        assertThat(installed.succeeded()).as(installed.output()).isTrue();
        assertThat(INSTALLED.resolve("paitient_secure_model").resolve("py.typed")).exists();
    }

    @Test
    @Order(2)
    void unittestSuite_passesAgainstTheLocalService() {
        Map<String, String> env = new HashMap<>(LocalService.shared().env());
        Path sdk = Files.isDirectory(INSTALLED) ? INSTALLED : Python.SDK.resolve("src");
        env.put("PYTHONPATH", sdk.toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");

        var result = LocalService.run(Python.SDK, env, Duration.ofMinutes(8), python, "-m", "unittest", "-v");

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(result.output()).contains("OK").doesNotContain("skipped=");
        System.out.println("Python SDK suite (" + python + ", wheel from " + sdk + "):\n" + result.output());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
