package com.securemodel.sdks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Finds {@code python3} (3.9 or newer) for the Python ITs, which are skipped, saying why, where there is none. */
final class Python {

    static final Path SDK = Path.of("python").toAbsolutePath();
    static final Path EXAMPLES = Path.of("examples", "python").toAbsolutePath();

    private Python() {
    }

    /** @return the interpreter's command; skips the calling test (with the reason) when there is no usable one */
    static String require() {
        String python = System.getenv().getOrDefault("PYTHON", "python3");
        String missing = "Python SDK tests skipped: no " + python + " (3.9 or newer) on the PATH; install Python or"
                + " set PYTHON to an interpreter to run them";
        LocalService.ProcessResult version;
        try {
            version = LocalService.run(SDK, Map.of(), Duration.ofSeconds(30), python, "-c",
                    "import sys; assert sys.version_info >= (3, 9), sys.version; print(sys.version)");
        } catch (RuntimeException e) {
            System.out.println(missing);
            assumeTrue(false, missing);
            throw e;
        }
        if (!version.succeeded()) {
            System.out.println(missing);
        }
        assumeTrue(version.succeeded(), missing);
        return python;
    }
}
