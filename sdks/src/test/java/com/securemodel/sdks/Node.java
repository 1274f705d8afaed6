package com.securemodel.sdks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Finds {@code node} (18 or newer) and {@code npm} for the JavaScript ITs, which are skipped, saying why, where there
 * is none.
 */
final class Node {

    static final Path SDK = Path.of("javascript").toAbsolutePath();
    static final Path EXAMPLES = Path.of("examples", "javascript").toAbsolutePath();

    private Node() {
    }

    /** @return the {@code node} command; skips the calling test (with the reason) when there is no usable one */
    static String requireNode() {
        String node = System.getenv().getOrDefault("NODE", "node");
        return require(node, "JavaScript SDK tests skipped: no " + node + " (Node.js 18 or newer) on the PATH; install"
                + " Node.js or set NODE to its executable to run them", node, "-e",
                "const major = Number(process.versions.node.split('.')[0]);"
                        + " if (major < 18) { console.error('Node.js ' + process.version + ' is older than 18');"
                        + " process.exit(1); } console.log(process.version);");
    }

    /** @return the {@code npm} command; skips the calling test (with the reason) when there is none */
    static String requireNpm() {
        String npm = System.getenv().getOrDefault("NPM", "npm");
        return require(npm, "npm pack skipped: no " + npm + " on the PATH (it comes with Node.js); set NPM to run it",
                npm, "--version");
    }

    private static String require(String command, String missing, String... probe) {
        LocalService.ProcessResult version;
        try {
            version = LocalService.run(SDK, Map.of(), Duration.ofSeconds(60), probe);
        } catch (RuntimeException e) {
            System.out.println(missing);
            assumeTrue(false, missing);
            throw e;
        }
        if (!version.succeeded()) {
            System.out.println(missing);
        }
        assumeTrue(version.succeeded(), missing);
        return command;
    }
}
