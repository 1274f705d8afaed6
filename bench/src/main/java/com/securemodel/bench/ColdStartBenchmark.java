package com.securemodel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LambdaApplication;
import com.securemodel.functions.aws.DynamoDbApiKeyStore;
import com.securemodel.functions.aws.DynamoDbTables;
import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.LocalCloudConfig;
import com.securemodel.localstack.lambda.CustomRuntimeBundle;
import com.securemodel.localstack.lambda.FakeRuntimeApi;
import com.securemodel.localstack.lambda.LambdaJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda jar's cold start without SnapStart: each run starts the shaded {@code aws} jar in a new JVM through the
 * runtime interface client ({@link LambdaJvm}, as the managed Java runtime does) against a {@link FakeRuntimeApi}
 * that hands it one API Gateway event from {@code events/apigw}, and times process start to the response's arrival.
 * Two events: {@code GET /health} (no store access) and an authenticated {@code GET /v1/deployments} (key lookup and
 * query in DynamoDB Local of the in-process local cloud). The function's environment is the stack's
 * ({@code SPRING_CLOUD_FUNCTION_DEFINITION=httpApi}, {@code MAIN_CLASS} and {@code JAVA_TOOL_OPTIONS} of
 * {@code ServiceFunction}: the start class processed ahead of time, Spring AOT on, C1 only; the
 * {@code SECUREMODEL_*} settings) with endpoints pointing at the local cloud. Prints the median of {@code runs}
 * against the 1.5 s target, and beside it the CPU time the JVM had used (on a shared machine the steadier number for
 * comparing builds). Arguments: {@code runs=N} (default 5), {@code jar=PATH} (default the functions module's
 * {@code aws} jar), {@code memory=MB} (default 2048, the stack's) and, to compare builds or JVM options with runs
 * interleaved, {@code variants="name[@jar][=JVM options]|..."} (options appended to {@code JAVA_TOOL_OPTIONS}), and
 * {@code logs=DIR} to keep every run's function log there (for example with {@code -Xlog:class+load:stdout:uptime}
 * among a variant's options, to see where a cold start's time goes).
 * With {@code bundle=DIR} (a JDK 25 or later running this) it also writes the custom-runtime bundle that infra-cdk
 * deploys with {@code -c httpApiBundle=DIR} ({@link CustomRuntimeBundle}: a runtime image, the jar and an AOT cache
 * trained on every sample event) and times it as variant {@code aot-bundle}, started as Lambda starts a custom runtime
 * (its {@code bootstrap}), with the stack's environment.
 */
public final class ColdStartBenchmark {

    /** The target of issue 13, without SnapStart. */
    static final double TARGET_MS = 1500;
    /** {@code JAVA_TOOL_OPTIONS} as infra-cdk's {@code ServiceFunction} sets it (Spring AOT on). */
    static final String STACK_TOOL_OPTIONS =
            "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=128m -Dspring.aot.enabled=true";
    /** {@code MAIN_CLASS} as the stack sets it: the class processed ahead of time. */
    static final String STACK_MAIN_CLASS = LambdaApplication.class.getName();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events", "apigw");
    private static final Path BOOTSTRAP = Path.of("..", "functions", "src", "lambda", "custom-runtime", "bootstrap");
    /** Where {@code logs=DIR} asks each run's function log to be kept; null: deleted after a successful run. */
    private static Path KEEP_LOGS;

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the local cloud leaves non-daemon threads
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int runs = Integer.parseInt(Stats.arg(args, "runs", "5"));
        String logs = Stats.arg(args, "logs", "");
        if (!logs.isEmpty()) {
            KEEP_LOGS = Files.createDirectories(Path.of(logs).toAbsolutePath());
        }
        int memory = Integer.parseInt(Stats.arg(args, "memory", "2048"));
        Path jar = Path.of(Stats.arg(args, "jar", "../functions/target/functions-0.1.0-SNAPSHOT-aws.jar"))
                .toAbsolutePath().normalize();
        List<Variant> variants = variants(Stats.arg(args, "variants", "stack"), jar);
        Map<String, String> events = new LinkedHashMap<>();
        events.put("GET /health", Files.readString(EVENTS.resolve("health.json")));
        events.put("GET /v1/deployments (authenticated)", Files.readString(EVENTS.resolve("list-deployments.json")));

        System.out.printf(Locale.ROOT, "cold start of %s (%d MB) through %s; java %s; %d cores; load %s%n",
                jar.getFileName(), memory, LambdaJvm.runtimeInterfaceClientJar().getFileName(),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), load());
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.freePorts()
                .withModelsDir(Path.of("target", "bench-models")))) {
            String table = prepareTable(cloud);
            String classList = Stats.arg(args, "classlist", "");
            if (!classList.isEmpty()) {
                writeClassList(jar, memory, cloud, table, events.get("GET /v1/deployments (authenticated)"),
                        Path.of(classList));
                return;
            }
            String bundle = Stats.arg(args, "bundle", "");
            if (!bundle.isEmpty()) {
                variants.add(bundle(Path.of(bundle).toAbsolutePath(), jar, memory, environment(cloud, table, "")));
            }
            Map<String, Map<String, List<double[]>>> times = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (Variant variant : variants) {
                    for (var event : events.entrySet()) {
                        double[] ms = coldStart(variant, memory,
                                forJar(variant.jar(), environment(cloud, table, variant.options())), event.getKey(),
                                event.getValue());
                        times.computeIfAbsent(variant.name(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(event.getKey(), k -> new ArrayList<>()).add(ms);
                        System.out.printf(Locale.ROOT, "run %d %-10s %-36s %6.0f ms  (CPU %6.0f ms, load %s)%n", run,
                                variant.name(), event.getKey(), ms[0], ms[1], load());
                    }
                }
            }
            report(times, runs);
        }
    }

    /**
     * A build and JVM options to time: started as the managed Java runtime does, or, with a {@code bundle}, as a
     * custom runtime from that directory ({@link CustomRuntimeBundle}).
     */
    private record Variant(String name, Path jar, String options, Path bundle) {
    }

    /**
     * Assembles the custom-runtime bundle in {@code dir} and trains its AOT cache: one JVM started by the bundle's
     * bootstrap serves every sample event of {@code events/apigw} (success and error paths of the three dialects), then
     * stops; the cache is written as it exits.
     */
    private static Variant bundle(Path dir, Path jar, int memory, Map<String, String> env) throws Exception {
        long started = System.nanoTime();
        CustomRuntimeBundle.assemble(dir, jar, BOOTSTRAP);
        List<String> samples = new ArrayList<>();
        try (var files = Files.list(EVENTS)) {
            for (Path sample : files.filter(file -> file.toString().endsWith(".json")).sorted().toList()) {
                samples.add(Files.readString(sample));
            }
        }
        Path log = Files.createTempFile("aot-training", ".log");
        CustomRuntimeBundle.train(dir, env, samples, memory, log);
        Files.delete(log);
        System.out.printf(Locale.ROOT, "custom-runtime bundle in %s: trained on %d events in %.0f s; %.0f MB"
                        + " (Lambda's limit unzipped: 262 MB)%n", dir, samples.size(),
                (System.nanoTime() - started) / 1e9, CustomRuntimeBundle.sizeMb(dir));
        return new Variant("aot-bundle", jar, "", dir);
    }

    private static void report(Map<String, Map<String, List<double[]>>> times, int runs) {
        System.out.printf(Locale.ROOT, "--- median of %d cold starts, process start to first response (load %s)%n",
                runs, load());
        Map<String, Boolean> met = new LinkedHashMap<>();
        for (var variant : times.entrySet()) {
            for (var event : variant.getValue().entrySet()) {
                double[] values = event.getValue().stream().mapToDouble(v -> v[0]).toArray();
                double[] cpu = event.getValue().stream().mapToDouble(v -> v[1]).toArray();
                double median = Stats.median(values);
                met.merge(variant.getKey(), median <= TARGET_MS, Boolean::logicalAnd);
                System.out.printf(Locale.ROOT, "%-10s %-36s median %6.0f ms  min %6.0f  max %6.0f  (CPU median %6.0f ms)"
                        + "  target %.0f ms: %s%n", variant.getKey(), event.getKey(), median, Stats.quantile(values, 0),
                        Stats.quantile(values, 1), Stats.median(cpu), TARGET_MS, median <= TARGET_MS ? "met" : "NOT met");
            }
        }
        met.forEach((variant, ok) -> System.out.println("VERDICT: " + variant + (ok ? " meets" : " does NOT meet")
                + " the 1.5 s median cold start target (without SnapStart) for both events"));
    }

    /**
     * One cold start: a new JVM, one event; the time from process start to the response, and the CPU time the process
     * had used by then (steadier than the wall time on a busy machine).
     */
    private static double[] coldStart(Variant variant, int memory, Map<String, String> env, String label,
                                      String event) throws Exception {
        Path taskRoot = variant.bundle() != null ? variant.bundle() : Files.createTempDirectory("lambda-task");
        Path log = Files.createTempFile("cold-start", ".log");
        try (FakeRuntimeApi api = FakeRuntimeApi.start()) {
            String requestId = api.enqueue(event);
            long started;
            Process process;
            if (variant.bundle() != null) {
                started = System.nanoTime();
                process = LambdaJvm.startCustomRuntime(LambdaJvm.Spec.customRuntime(LambdaJvm.FUNCTION_INVOKER, memory,
                        env, taskRoot, log), api);
            } else {
                var spec = new LambdaJvm.Spec(Path.of(System.getProperty("java.home"), "bin", "java"),
                        List.of(variant.jar(), LambdaJvm.runtimeInterfaceClientJar()), LambdaJvm.FUNCTION_INVOKER,
                        memory, env, taskRoot, log);
                started = System.nanoTime();
                process = LambdaJvm.start(spec, api);
            }
            try {
                FakeRuntimeApi.Outcome outcome = LambdaJvm.awaitWhileAlive(api, requestId, process, log);
                JsonNode response = JSON.readTree(outcome.body());
                if (outcome.error() || response.path("statusCode").asInt() != 200) {
                    throw new IllegalStateException("the function did not answer 200: " + outcome.body()
                            + "; its log: " + log);
                }
                double cpu = process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
                process.destroyForcibly().waitFor(); // before its log is moved or deleted: it no longer writes
                if (KEEP_LOGS != null) {
                    Files.move(log, KEEP_LOGS.resolve(variant.name() + "-" + label.replaceAll("\\W+", "_") + "-"
                            + System.currentTimeMillis() + ".log"));
                } else {
                    Files.delete(log); // kept only where a run failed: the error names it
                }
                return new double[] {(outcome.arrivedNanos() - started) / 1e6, cpu};
            } finally {
                process.destroyForcibly().waitFor();
            }
        } finally {
            if (variant.bundle() == null) {
                try {
                    Files.deleteIfExists(taskRoot);
                } catch (java.nio.file.DirectoryNotEmptyException e) {
                    System.out.println("the function left files in its task root (a crash log?): " + taskRoot);
                }
            }
        }
    }

    /**
     * The classes an authenticated cold start loads, in the order the function loaded them without its warm-up (one
     * run, {@code -Xlog:class+load}): the list {@code LambdaWarmUp} preloads on its second thread. Hidden classes
     * (lambdas, method handle forms) have no name to load by, and the JDK's own come from its class data archive:
     * both are left out.
     */
    private static void writeClassList(Path jar, int memory, LocalCloud cloud, String table, String event, Path out)
            throws Exception {
        Path log = Files.createTempFile("class-load", ".log");
        String options = "-Dsecuremodel.lambda.warm-up=false -Xlog:class+load=info:file=" + log;
        coldStart(new Variant("classlist", jar, options, null), memory, environment(cloud, table, options),
                "classlist", event);
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] parts = line.split(" ");
            if (parts.length > 1 && parts[1].matches("[\\w.$]+") && !parts[1].contains("$$Lambda")
                    && !parts[1].matches("(java|jdk|sun|com\\.sun)\\..*")) { // the JDK's come from its CDS archive
                names.add(parts[1]);
            }
        }
        Files.writeString(out, "# the classes (the JDK's aside) an authenticated cold start loads, in load order;"
                + " written by the cold-start benchmark's classlist=PATH (README)\n" + String.join("\n", names) + "\n");
        System.out.printf(Locale.ROOT, "%d class names written to %s%n", names.size(), out);
    }

    /** The service's table with the {@code local-dev} key the sample events carry. */
    private static String prepareTable(LocalCloud cloud) {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint())
                .region(Region.of(cloud.region())).credentialsProvider(credentials(cloud)).build()) {
            String table = "cold-start";
            DynamoDbTables.createIfMissing(dynamoDb, table);
            new Authenticator(new DynamoDbApiKeyStore(dynamoDb, table), Clock.systemUTC())
                    .register(new ClientId(LocalApi.CLIENT), LocalApi.CLIENT, LocalApi.KEY);
            return table;
        }
    }

    /**
     * {@code env} for {@code jar}: a build without the stack's start class (one from before it, compared as a variant)
     * starts from its manifest's main class, as the stack then did; pass {@code -Dspring.aot.enabled=false} in that
     * variant's options too.
     */
    private static Map<String, String> forJar(Path jar, Map<String, String> env) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry(STACK_MAIN_CLASS.replace('.', '/') + ".class") == null) {
                Map<String, String> older = new LinkedHashMap<>(env);
                older.remove("MAIN_CLASS");
                return older;
            }
        }
        return env;
    }

    /** The stack's function environment (infra-cdk SecureModelStack, ServiceFunction) against the local cloud. */
    static Map<String, String> environment(LocalCloud cloud, String table, String extraToolOptions) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_CLOUD_FUNCTION_DEFINITION", "httpApi");
        env.put("MAIN_CLASS", STACK_MAIN_CLASS);
        env.put("JAVA_TOOL_OPTIONS", (STACK_TOOL_OPTIONS + " " + extraToolOptions).trim());
        env.put("AWS_REGION", cloud.region());
        env.put("AWS_DEFAULT_REGION", cloud.region());
        env.put("AWS_ACCESS_KEY_ID", cloud.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", cloud.secretKey());
        env.put("SECUREMODEL_TABLE_NAME", table);
        env.put("SECUREMODEL_REGION", cloud.region());
        env.put("SECUREMODEL_ENDPOINT_PREFIX", "sms");
        env.put("SECUREMODEL_HIPAA_MODE", "true");
        env.put("SECUREMODEL_PROVISIONING_QUEUE_URL", cloud.sqsEndpoint() + "/000000000000/provisioning");
        env.put("SECUREMODEL_ASYNC_QUEUE_URL", cloud.sqsEndpoint() + "/000000000000/async");
        env.put("SECUREMODEL_MODEL_JOB_QUEUE_URL", cloud.sqsEndpoint() + "/000000000000/model-jobs");
        env.put("SECUREMODEL_SAGEMAKER_ROLE_ARN", "arn:aws:iam::000000000000:role/securemodel-sagemaker");
        env.put("SECUREMODEL_PUBLIC_BASE_URL", "https://abcdef1234.execute-api.us-east-1.amazonaws.com");
        env.put("SECUREMODEL_SERVICE_BUCKET", "securemodel-service");
        env.put("SECUREMODEL_BATCH_BUCKET", "securemodel-batch");
        env.put("SECUREMODEL_NETWORK_ISOLATION", "false"); // the default stack (no VPC)
        env.put("SECUREMODEL_AWS_INVOKE_TIMEOUT", "25s"); // the HTTP function's own (ServiceFunctions)
        // the stack binds page tokens with its stack id; without one a function makes a key of its own at start
        env.put("SECUREMODEL_PAGINATION_SECRET",
                "arn:aws:cloudformation:us-east-1:000000000000:stack/SecureModel/0e6f3c10-0000-4000-8000-000000000000");
        env.put("SECUREMODEL_WEBHOOKS_QUEUE_URL", cloud.sqsEndpoint() + "/000000000000/webhooks");
        env.put("SECUREMODEL_WEBHOOKS_MAX_ATTEMPTS", "14");
        env.put("SECUREMODEL_BYTEZ_INSTANCE_TYPES", "ml.g4dn.xlarge,ml.g4dn.2xlarge,ml.g4dn.4xlarge,ml.g4dn.8xlarge,"
                + "ml.g4dn.12xlarge,ml.g4dn.16xlarge");
        env.put("SECUREMODEL_AWS_DYNAMODB_ENDPOINT", cloud.dynamoDbEndpoint().toString());
        env.put("SECUREMODEL_AWS_SQS_ENDPOINT", cloud.sqsEndpoint().toString());
        env.put("SECUREMODEL_AWS_S3_ENDPOINT", cloud.s3Endpoint().toString());
        env.put("SECUREMODEL_AWS_SAGEMAKER_ENDPOINT", cloud.sageMakerEndpoint().toString());
        env.put("DJL_CACHE_DIR", System.getProperty("java.io.tmpdir") + "/djl");
        return env;
    }

    private static StaticCredentialsProvider credentials(LocalCloud cloud) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(cloud.accessKey(), cloud.secretKey()));
    }

    private static List<Variant> variants(String spec, Path defaultJar) {
        List<Variant> variants = new ArrayList<>();
        for (String variant : spec.split("\\|")) {
            int eq = variant.indexOf('=');
            String head = eq < 0 ? variant : variant.substring(0, eq);
            String options = eq < 0 ? "" : variant.substring(eq + 1);
            int at = head.indexOf('@');
            variants.add(new Variant(at < 0 ? head : head.substring(0, at),
                    at < 0 ? defaultJar : Path.of(head.substring(at + 1)).toAbsolutePath(), options, null));
        }
        return variants;
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
