package com.securemodel.localstack.lambda;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Starts a function in a new JVM the way Lambda's managed Java runtime does: the runtime interface client's
 * {@code AWSLambda} main class with the handler as its argument, the function's code on the class path, a clean
 * environment with the reserved variables ({@code AWS_LAMBDA_RUNTIME_API}, {@code _HANDLER},
 * {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, ...), the function's own variables ({@code JAVA_TOOL_OPTIONS} among them)
 * and the task root as working directory. The JVM options approximate the runtime's launcher: a heap of 85% of the
 * function's memory, the serial collector, and {@code org.crac.Core.Compat} pointing {@code org.crac} at the client's
 * checkpoint hooks. {@link #startCustomRuntime} starts a bundle the way Lambda starts a custom runtime instead.
 *
 * <p>The JVM also sees the function's memory as its machine's ({@code -XX:MaxRAM}): a function's microVM has the
 * memory configured for it, so on Lambda the JVM sizes what its options leave open (the initial heap, 1/64 of it: 32 MB
 * at 2,048 MB) from that, not from the memory of the machine the emulation runs on. Without it a function started here
 * got a 378 MB initial heap on a 24 GB machine: a young generation of over 100 MB whose fresh pages a cold start
 * touched one by one, and one 60 ms collection in its first request, where on Lambda it makes a dozen small ones over
 * the same warm pages (an authenticated cold start measured 1,664 ms that way and 1,426 ms with the function's memory).
 *
 * @see <a href="https://github.com/aws/aws-lambda-java-libs/tree/main/aws-lambda-java-runtime-interface-client">
 *     aws-lambda-java-runtime-interface-client</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime">
 *     Reserved environment variables</a>
 */
public final class LambdaJvm {

    /** The runtime interface client's entry point. */
    public static final String ENTRY = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Spring Cloud Function's AWS adapter, the service's handler. */
    public static final String FUNCTION_INVOKER =
            "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

    private LambdaJvm() {
    }

    /** A function to start: code, handler, memory, its environment and where it runs. */
    public record Spec(Path java, List<Path> classpath, String handler, int memoryMb,
                       Map<String, String> environment, Path taskRoot, Path log) {

        public Spec {
            classpath = List.copyOf(classpath);
            environment = Map.copyOf(environment);
        }

        /**
         * A custom-runtime bundle unzipped in {@code bundle} ({@link CustomRuntimeBundle}): its own runtime and class
         * path, which its {@code bootstrap} names; start it with {@link #startCustomRuntime}.
         */
        public static Spec customRuntime(String handler, int memoryMb, Map<String, String> environment, Path bundle,
                                         Path log) {
            Path root = bundle.toAbsolutePath(); // the task root, and where its bootstrap is run from
            return new Spec(root.resolve("jre").resolve("bin").resolve("java"),
                    List.of(root.resolve("app.jar"), root.resolve("ric.jar")), handler, memoryMb, environment, root,
                    log);
        }
    }

    /** @return the runtime interface client's jar on this JVM's class path (found without loading its classes) */
    public static Path runtimeInterfaceClientJar() {
        URL entry = ClassLoader.getSystemResource(ENTRY.replace('.', '/') + ".class");
        if (entry == null || !entry.getProtocol().equals("jar")) {
            throw new IllegalStateException("aws-lambda-java-runtime-interface-client is not on the class path");
        }
        String file = entry.getPath();
        try {
            return Path.of(new URL(file.substring(0, file.indexOf("!/"))).toURI());
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the runtime interface client's jar: " + entry, e);
        }
    }

    /** Starts the function against {@code api}; its output goes to {@code spec.log()}. */
    public static Process start(Spec spec, FakeRuntimeApi api) throws IOException {
        List<String> command = new ArrayList<>(List.of(spec.java().toString(),
                "-XX:MaxRAM=" + spec.memoryMb() + "m",
                "-XX:MaxHeapSize=" + spec.memoryMb() * 85 / 100 + "m", "-XX:+UseSerialGC",
                "-Djava.net.preferIPv4Stack=true", "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-classpath", spec.classpath().stream().map(Path::toString)
                        .collect(Collectors.joining(java.io.File.pathSeparator)),
                ENTRY, spec.handler()));
        return start(new ProcessBuilder(command), spec, api, "AWS_Lambda_java21");
    }

    /**
     * Starts the function the way Lambda starts a custom runtime ({@code provided.al2023}): the {@code bootstrap}
     * executable of the unzipped bundle in {@code spec.taskRoot()} ({@link Spec#customRuntime}), with the same reserved
     * variables as the managed runtime gets.
     */
    public static Process startCustomRuntime(Spec spec, FakeRuntimeApi api) throws IOException {
        return start(new ProcessBuilder(spec.taskRoot().resolve("bootstrap").toString()), spec, api, null);
    }

    /**
     * @return the function's answer to {@code requestId}; fails as soon as its JVM has exited without one (a bad
     *         option, a missing class: no 2-minute wait), or after 2 minutes
     */
    public static FakeRuntimeApi.Outcome awaitWhileAlive(FakeRuntimeApi api, String requestId, Process process,
                                                         Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                return api.await(requestId, Duration.ofMillis(100));
            } catch (TimeoutException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the function's JVM exited (" + process.exitValue()
                            + ") before answering: " + Files.readString(log).strip(), e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no response in 2 minutes; the function's log: " + log, e);
                }
            }
        }
    }

    /** @param executionEnv {@code AWS_EXECUTION_ENV}, which Lambda sets for its managed runtimes only; null: none */
    private static Process start(ProcessBuilder builder, Spec spec, FakeRuntimeApi api, String executionEnv)
            throws IOException {
        builder.directory(spec.taskRoot().toFile()).redirectErrorStream(true).redirectOutput(spec.log().toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = new LinkedHashMap<>(env);
        env.clear();
        for (String keep : List.of("PATH", "HOME", "TMPDIR", "LANG")) {
            if (inherited.containsKey(keep)) {
                env.put(keep, inherited.get(keep));
            }
        }
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("_HANDLER", spec.handler());
        env.put("LAMBDA_TASK_ROOT", spec.taskRoot().toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "local-function");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/local-function");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        if (executionEnv != null) {
            env.put("AWS_EXECUTION_ENV", executionEnv);
        }
        env.putAll(spec.environment());
        return builder.start();
    }
}
