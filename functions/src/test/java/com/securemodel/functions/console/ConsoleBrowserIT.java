package com.securemodel.functions.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console end to end in a real browser: runs the browser suite ({@code console/e2e}, {@code node --test} with
 * playwright-core driving Debian's headless {@code chromium}) against this JVM's local service, as a client of its
 * own (so that other tests' deployments count against nobody's quota here). Screenshots of every page are kept in
 * {@code target/console-screenshots}. Skipped, saying why, only where no Chromium is installed ({@code .ci/run}
 * installs it) or the console's npm dependencies are missing (a build with {@code -Dconsole.skip}).
 */
class ConsoleBrowserIT extends LocalModeTestSupport {

    private static final Path CONSOLE = Path.of("..", "console").toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
    private static final Path OUTPUT = Path.of("target", "console-e2e.log").toAbsolutePath();

    @Autowired
    Authenticator authenticator;

    @Test
    void browserSuite_passesAgainstTheLocalService() throws IOException, InterruptedException {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "No Chromium to drive (looked at $CHROMIUM, /usr/bin/chromium,"
                + " /usr/bin/chromium-browser): install it with apt-get install -y chromium (.ci/run does)");
        assumeTrue(Files.isDirectory(CONSOLE.resolve("node_modules/playwright-core")),
                "console/node_modules is missing (built with -Dconsole.skip?): run npm ci in console/");
        String clientId = "console-e2e";
        String key = "sk-console-e2e-" + UUID.randomUUID();
        authenticator.register(new ClientId(clientId), "key_console_e2e", key);

        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec",
                "e2e/")
                .directory(CONSOLE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(OUTPUT.toFile());
        node.environment().putAll(Map.of(
                "CONSOLE_URL", baseUrl() + "/console/",
                "API_URL", baseUrl(),
                "API_KEY", key,
                "CLIENT_ID", clientId,
                "CHROMIUM", chromium.get().toString(),
                "SCREENSHOT_DIR", SCREENSHOTS.toString()));
        Process process = node.start();
        boolean finished = process.waitFor(9, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(OUTPUT);
        System.out.println(output);

        assertThat(finished).as("the browser suite finished within 9 minutes").isTrue();
        assertThat(process.exitValue()).as("the browser suite's exit status (its output is above and in %s)", OUTPUT)
                .isZero();
        try (Stream<Path> shots = Files.list(SCREENSHOTS)) {
            assertThat(shots.map(p -> p.getFileName().toString()).toList())
                    .contains("01-sign-in.png", "03-deployments.png", "04-playground.png", "05-deployment.png",
                            "06-endpoints.png", "07-webhooks.png", "08-keys.png");
        }
    }

    private static Optional<Path> chromium() {
        String configured = System.getenv("CHROMIUM");
        return Stream.concat(Stream.ofNullable(configured),
                        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }
}
