package com.securemodel.localstack.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Lambda jar as a custom-runtime bundle ({@code provided.al2023}): the directory Lambda would unzip into its task
 * root, started by {@link LambdaJvm#startCustomRuntime}. {@code bootstrap} (the functions module's
 * {@code src/lambda/custom-runtime/bootstrap}), {@code jre/} (a runtime image that {@code jlink} makes from the JDK
 * running this, 25 or later), {@code app.jar} (the functions'
 * {@code aws} jar), {@code ric.jar} (the runtime interface client) and, once trained, {@code app.aot}: an AOT cache
 * (JEP 483, 514) recorded by that same runtime while the function served sample events. An AOT cache only fits the
 * runtime image that made it, which is why the bundle carries its own instead of using Lambda's managed Java runtime
 * (whose runtime interface client also loads the function's classes through a loader of its own, which the cache does
 * not cover).
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html">Building a custom runtime for
 *     Lambda</a>
 * @see <a href="https://openjdk.org/jeps/514">JEP 514: Ahead-of-Time Command-Line Ergonomics</a>
 */
public final class CustomRuntimeBundle {

    /** The Java SE modules and the JDK's few that the libraries reach (Unsafe, elliptic curves, PKCS#11, JFR...). */
    public static final String MODULES = "java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,"
            + "jdk.management,jdk.net,jdk.zipfs,jdk.naming.dns,jdk.security.auth,jdk.security.jgss,jdk.jfr";
    /** The cache's file in the bundle (the bootstrap's default {@code -XX:AOTCache}). */
    public static final String CACHE = "app.aot";
    /** What the bootstrap passes to the JVM instead of {@code -XX:AOTCache=app.aot} where set. */
    public static final String AOT_OPTION_VARIABLE = "SECUREMODEL_AOT_OPTION";

    private CustomRuntimeBundle() {
    }

    /** @return whether this JVM can make a bundle: its jlink's runtime image must record AOT caches in one step */
    public static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /**
     * Writes the bundle, without its cache, into {@code dir}: the runtime image of the JDK running this, {@code jar}
     * as {@code app.jar} and {@code bootstrap} (the script Lambda runs). {@code dir} must be new, empty or an earlier
     * bundle (which is replaced); any other folder is refused, never emptied.
     */
    public static void assemble(Path dir, Path jar, Path bootstrap) throws IOException, InterruptedException {
        requireReplaceable(dir);
        if (!supported()) {
            throw new IllegalStateException("the bundle's AOT cache needs a JDK 25 or later (this is "
                    + Runtime.version() + "): set JAVA_HOME to one");
        }
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        run(List.of(jlink.toString(), "--add-modules", MODULES, "--strip-debug", "--compress=zip-6", "--no-header-files",
                "--no-man-pages", "--output", dir.resolve("jre").toString()));
        Files.copy(jar, dir.resolve("app.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(LambdaJvm.runtimeInterfaceClientJar(), dir.resolve("ric.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path script = dir.resolve("bootstrap");
        Files.copy(bootstrap, script, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Records the bundle's AOT cache: one JVM started by its bootstrap (with {@code environment}, the function's)
     * serves {@code events} one by one, then stops as Lambda stops it (SIGTERM); the cache is written as it exits.
     * Fails if the function fails on an event (an error, not an HTTP error answer). The JVM's output goes to {@code log}.
     */
    public static void train(Path dir, Map<String, String> environment, List<String> events, int memoryMb, Path log)
            throws IOException, InterruptedException {
        try (FakeRuntimeApi api = FakeRuntimeApi.start()) {
            Process process = LambdaJvm.startCustomRuntime(LambdaJvm.Spec.customRuntime(LambdaJvm.FUNCTION_INVOKER,
                    memoryMb, trainingEnvironment(dir, environment), dir, log), api);
            boolean served = false;
            try {
                for (String event : events) {
                    FakeRuntimeApi.Outcome outcome = LambdaJvm.awaitWhileAlive(api, api.enqueue(event), process, log);
                    if (outcome.error()) {
                        throw new IllegalStateException("the function failed on a training event: " + outcome.body()
                                + "; its log: " + log);
                    }
                }
                served = true;
            } finally {
                if (!served) {
                    process.destroyForcibly().waitFor();
                }
            }
            finishTraining(process, dir);
        }
    }

    /** @return {@code environment} plus what makes the bootstrap record the cache (at the JVM's exit) instead */
    static Map<String, String> trainingEnvironment(Path dir, Map<String, String> environment) {
        Map<String, String> training = new LinkedHashMap<>(environment);
        training.put(AOT_OPTION_VARIABLE, "-XX:AOTCacheOutput=" + dir.resolve(CACHE).toAbsolutePath());
        return training;
    }

    /** Stops a training JVM (SIGTERM, as Lambda does) and waits while it writes the cache at its exit. */
    private static void finishTraining(Process process, Path dir) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the training JVM did not exit in 5 minutes");
        }
        if (!Files.isRegularFile(dir.resolve(CACHE))) {
            throw new IllegalStateException("the training run wrote no AOT cache to " + dir.resolve(CACHE));
        }
    }

    /** @return the bundle's size on disk in MB (Lambda's limit for an unzipped package is 250 MiB) */
    public static double sizeMb(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum() / 1e6;
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static void requireReplaceable(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty && !(Files.isRegularFile(dir.resolve("bootstrap")) && Files.isRegularFile(dir.resolve("app.jar")))) {
            throw new IllegalArgumentException(dir + " is neither empty nor a bundle written before: name a new folder"
                    + " for the bundle (it is replaced as a whole)");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
