package com.securemodel.sdks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript SDK ({@code sdks/javascript}, npm package {@code paitient-secure-model}): {@code npm pack} builds its
 * tarball offline with exactly the package's files, the installed tarball loads through {@code require} and
 * {@code import}, and each file of its {@code node --test} suite passes against the local service.
 */
class JavaScriptSdkIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path PACKED = TARGET.resolve("npm-pack");
    private static final Path INSTALLED = TARGET.resolve("npm-installed");
    private static final Map<String, String> OFFLINE = Map.of("npm_config_offline", "true",
            "npm_config_audit", "false", "npm_config_fund", "false", "npm_config_update_notifier", "false");

    @Test
    void npmPack_buildsTheTarballOffline_andTheInstalledPackageLoadsAsCommonJsAndEsm() throws IOException {
        String node = Node.requireNode();
        String npm = Node.requireNpm();
        deleteTree(PACKED);
        deleteTree(INSTALLED);
        Files.createDirectories(PACKED);
        Files.createDirectories(INSTALLED);

        var packed = LocalService.run(Node.SDK, OFFLINE, Duration.ofMinutes(2), npm, "pack", "--json",
                "--pack-destination", PACKED.toString());

        assertThat(packed.succeeded()).as(packed.output()).isTrue();
        String json = packed.output().substring(packed.output().indexOf('['));
        JsonNode pack = new ObjectMapper().readTree(json).get(0);
        assertThat(pack.path("name").asText()).isEqualTo("paitient-secure-model");
        List<String> files = new ArrayList<>();
        pack.path("files").forEach(f -> files.add(f.path("path").asText()));
        assertThat(files).contains("package.json", "README.md", "index.js", "index.mjs", "index.d.ts",
                "lib/client.js", "lib/errors.js", "lib/http.js", "lib/webhooks.js");
        assertThat(files).noneMatch(f -> f.startsWith("test/"));
        Path tarball = PACKED.resolve(pack.path("filename").asText());
        assertThat(tarball).exists();

        Files.writeString(INSTALLED.resolve("package.json"), "{\"name\": \"sdk-install-check\", \"private\": true}");
        var installed = LocalService.run(INSTALLED, OFFLINE, Duration.ofMinutes(2), npm, "install", "--no-save",
                tarball.toString());
        assertThat(installed.succeeded()).as(installed.output()).isTrue();
        assertThat(INSTALLED.resolve("node_modules/paitient-secure-model/index.d.ts")).exists();
        var required = LocalService.run(INSTALLED, Map.of(), Duration.ofSeconds(60), node, "-e",
                "const sdk = require('paitient-secure-model');"
                        + " const c = new sdk.SecureModelClient({ baseUrl: 'http://localhost:1/v1' });"
                        + " console.log(typeof c.generate, new sdk.RateLimitError('x') instanceof sdk.SecureModelError,"
                        + " require.resolve('paitient-secure-model'));");
        assertThat(required.succeeded()).as(required.output()).isTrue();
        assertThat(required.output()).contains("function true").contains(INSTALLED.resolve("node_modules").toString());
        var imported = LocalService.run(INSTALLED, Map.of(), Duration.ofSeconds(60), node, "--input-type=module", "-e",
                "import { SecureModelClient, ServiceError } from 'paitient-secure-model';"
                        + " console.log(typeof SecureModelClient, typeof ServiceError);");
        assertThat(imported.succeeded()).as(imported.output()).isTrue();
        assertThat(imported.output()).contains("function function");
    }

    @Test
    void nodeTestSuite_passesAgainstTheLocalService() throws IOException {
        String node = Node.requireNode();
        Map<String, String> env = new HashMap<>(LocalService.shared().env());
        env.put("PAITIENT_TEST_LIMITED_API_KEY", LocalService.LIMITED_API_KEY + "-js");
        env.put("PAITIENT_TEST_LIMITED_CLIENT_ID", LocalService.LIMITED_CLIENT_ID + "-js");
        List<Path> suites;
        try (Stream<Path> paths = Files.list(Node.SDK.resolve("test"))) {
            suites = paths.filter(p -> p.getFileName().toString().matches(".*\\.test\\.m?js")).sorted().toList();
        }
        assertThat(suites).hasSizeGreaterThanOrEqualTo(8);

        // one file at a time: the rate-limit file spends a client's requests of the minute, and Node 18 has no
        // --test-concurrency
        List<String> failed = new ArrayList<>();
        for (Path suite : suites) {
            var result = LocalService.run(Node.SDK, env, Duration.ofMinutes(5), node, "--test",
                    Node.SDK.relativize(suite).toString());
            System.out.printf("node --test %s: %s%n", suite.getFileName(), summary(result.output()));
            // a skip is allowed only where the service lacks something optional (the limited client), never
            // because the suite found no service to test against
            if (!result.succeeded() || !result.output().contains("# fail 0")
                    || result.output().contains("no service to test against")) {
                failed.add(suite.getFileName() + ":\n" + result.output());
            }
        }
        assertThat(failed).as("suites that failed, or ran without the service").isEmpty();
    }

    private static String summary(String tap) {
        return tap.lines().filter(l -> l.matches("# (tests|pass|fail|skipped) \\d+"))
                .map(l -> l.substring(2)).reduce((a, b) -> a + ", " + b).orElse("no summary");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
