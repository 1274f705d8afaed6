package com.securemodel.bench;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.batch.BatchPaths;
import com.securemodel.core.batch.BatchProcessor;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.deployment.SecuritySettings;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.functions.aws.DynamoDbDeploymentStore;
import com.securemodel.functions.aws.DynamoDbTables;
import com.securemodel.functions.aws.DynamoDbUsageStore;
import com.securemodel.functions.aws.SageMakerModelInvoker;
import com.securemodel.functions.batch.BatchComponents;
import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.LocalCloudConfig;
import com.securemodel.localstack.llm.TinyModelGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The batch runner against the endpoint it drives. (1) Lines per second of the runner's processor (DynamoDB
 * checkpoints, S3 parts, the same clients the runner jar builds) working a prompt file on the tiny model against
 * the same emulated endpoint saturated directly ({@code InvokeEndpoint} from as many threads as the runner's
 * concurrency: instances x requests per instance), same prompts and max tokens; runs interleaved, medians, ratio
 * (target >= 0.95). (2) Heap used after 10k, 100k and 1M lines (after a GC) of one file, on a model that answers at
 * once and blobs on disk ({@link HeapRun}): generation costs nothing there, so only what the runner keeps grows.
 * Arguments: {@code lines=N} (per throughput run, default 2000), {@code maxTokens=N} (default 4),
 * {@code rounds=N} (default 3), {@code warmup=N} (pairs run first and not counted, default 2), {@code perReplica=N}
 * (default 4), {@code chunkSize=N} (the runner's default), {@code heapLines=N} (default 1000000).
 */
public final class BatchRunnerBenchmark {

    private static final String TABLE = "securemodel-bench";
    private static final String BUCKET = "bench-batch";
    private static final String ENDPOINT = "bench-batch-endpoint";
    private static final ClientId CLIENT = new ClientId("bench");

    private BatchRunnerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = Integer.parseInt(Stats.arg(args, "lines", "2000"));
        int maxTokens = Integer.parseInt(Stats.arg(args, "maxTokens", "4"));
        int rounds = Integer.parseInt(Stats.arg(args, "rounds", "3"));
        int warmup = Integer.parseInt(Stats.arg(args, "warmup", "2"));
        int perReplica = Integer.parseInt(Stats.arg(args, "perReplica", "4"));
        int chunkSize = Integer.parseInt(Stats.arg(args, "chunkSize",
                String.valueOf(BatchProcessor.Settings.defaults(perReplica).chunkSize())));
        long heapLines = Long.parseLong(Stats.arg(args, "heapLines", "1000000"));
        Path modelsDir = Path.of("target/bench-models");
        Files.createDirectories(modelsDir);
        System.out.printf(Locale.ROOT, "model=%s lines=%d max_tokens=%d instances=1 concurrency=%d rounds=%d"
                + " chunk=%d%n", TinyModelGenerator.MODEL_ID, lines, maxTokens, perReplica, rounds, chunkSize);
        boolean met;
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.freePorts()
                .withModelsDir(modelsDir.toAbsolutePath()))) {
            met = throughput(cloud, lines, maxTokens, rounds, warmup, perReplica, chunkSize);
        }
        met &= HeapRun.run(heapLines, perReplica);
        System.out.println(met ? "All targets met." : "Some target NOT met.");
        System.exit(0); // llama.cpp leaves a native thread that keeps the JVM alive
    }

    private static boolean throughput(LocalCloud cloud, int lines, int maxTokens, int rounds, int warmup,
                                      int perReplica, int chunkSize)
            throws Exception {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(cloud.accessKey(), cloud.secretKey()));
        Region region = Region.of(cloud.region());
        SdkHttpClient http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(130)).build();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint())
                     .region(region).credentialsProvider(credentials).httpClient(http).build();
             S3Client s3 = S3Client.builder().endpointOverride(cloud.s3Endpoint()).region(region)
                     .credentialsProvider(credentials).httpClient(http).forcePathStyle(true)
                     .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                     .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
             SageMakerClient control = SageMakerClient.builder().endpointOverride(cloud.sageMakerEndpoint())
                     .region(region).credentialsProvider(credentials).httpClient(http).build();
             SageMakerRuntimeClient runtime = SageMakerRuntimeClient.builder()
                     .endpointOverride(cloud.sageMakerEndpoint()).region(region).credentialsProvider(credentials)
                     .httpClient(http).build()) {
            DynamoDbTables.createIfMissing(dynamoDb, TABLE);
            s3.createBucket(b -> b.bucket(BUCKET));
            SageMakerClients.createEndpoint(control, ENDPOINT, TinyModelGenerator.MODEL_ID);
            Instant now = Instant.now();
            new DynamoDbDeploymentStore(dynamoDb, TABLE).create(new Deployment(CLIENT, "dep_bench",
                    TinyModelGenerator.MODEL_ID, "tiny", "gpu", "g4dn.xlarge", 1, 1, 1, false, cloud.region(), null,
                    Map.of(), ModelConfig.EMPTY, SecuritySettings.EMPTY, new HostingPlan("fp16", 1, 1.0, ENDPOINT),
                    DeploymentStatus.RUNNING, null, now, now, 1));
            SageMakerModelInvoker invoker = new SageMakerModelInvoker(runtime, () -> {
                throw new IllegalStateException("no streaming here");
            });
            UsageRecorder usage = new UsageRecorder(new DynamoDbUsageStore(dynamoDb, TABLE), Clock.systemUTC(),
                    Duration.ofSeconds(5));
            GenerationService generation = new GenerationService(new DynamoDbDeploymentStore(dynamoDb, TABLE),
                    invoker, usage, Clock.systemUTC(), IdGenerator.random());
            BatchProcessor processor = BatchComponents.of(dynamoDb, () -> s3, TABLE, BUCKET)
                    .processor(generation, Clock.systemUTC(),
                            BatchProcessor.Settings.defaults(perReplica).withChunkSize(chunkSize));

            List<String> prompts = new ArrayList<>();
            StringBuilder file = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                String prompt = "Prompt " + i + ": the patient reports";
                prompts.add(prompt);
                file.append("{\"prompt\": \"").append(prompt).append("\", \"max_tokens\": ").append(maxTokens)
                        .append("}\n");
            }
            double[] direct = new double[rounds];
            double[] runner = new double[rounds];
            // warm-up pairs, not counted: both sides' code is compiled by the JIT before anything is timed
            for (int round = -warmup; round < rounds; round++) {
                String key = BatchPaths.INPUT_PREFIX + CLIENT.value() + "/tiny/bench-" + (round + warmup) + ".jsonl";
                s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(file.toString(),
                        StandardCharsets.UTF_8));
                // the order alternates, so that a machine still speeding up (or slowing down) favours neither side
                boolean directFirst = (round + warmup) % 2 == 0;
                long cpu0 = processCpuNanos();
                double directRate = directFirst ? direct(invoker, prompts, maxTokens, perReplica) : 0;
                long cpu1 = processCpuNanos();
                PhaseClock phases = new PhaseClock();
                BatchProcessor.Outcome outcome = processor.process(key, BatchProcessor.Heartbeat.NONE, phases);
                long end = System.nanoTime();
                long cpu2 = processCpuNanos();
                double runnerRate = lines / ((end - phases.start) / 1e9);
                double runnerCpu = (cpu2 - cpu1) / 1e6 / lines;
                if (outcome != BatchProcessor.Outcome.COMPLETED) {
                    throw new IllegalStateException("the runner's file ended " + outcome);
                }
                if (!directFirst) {
                    directRate = direct(invoker, prompts, maxTokens, perReplica);
                }
                double directCpu = (directFirst ? cpu1 - cpu0 : processCpuNanos() - cpu2) / 1e6 / lines;
                if (round < 0) {
                    System.out.printf(Locale.ROOT, "  warm-up %d: direct %.1f lines/s | runner %.1f lines/s%n",
                            round + warmup + 1, directRate, runnerRate);
                    continue;
                }
                direct[round] = directRate;
                runner[round] = runnerRate;
                System.out.printf(Locale.ROOT, "  round %d: direct %.1f lines/s, CPU %.2f ms a line | runner %.1f"
                        + " lines/s, CPU %.2f ms a line (%s)%n", round + 1, direct[round], directCpu, runner[round],
                        runnerCpu, phases.describe(end));
            }
            usage.flush();
            double ratio = Stats.median(runner) / Stats.median(direct);
            System.out.printf(Locale.ROOT, "endpoint saturated directly: %.1f lines/s (median of %d)%n",
                    Stats.median(direct), rounds);
            System.out.printf(Locale.ROOT, "batch runner:                %.1f lines/s (median of %d)%n",
                    Stats.median(runner), rounds);
            System.out.printf(Locale.ROOT, "ratio runner/direct:         %.3f (target >= 0.95: %s)%n", ratio,
                    ratio >= 0.95 ? "met" : "NOT met");
            return ratio >= 0.95;
        } finally {
            http.close();
        }
    }

    /**
     * Where the runner's time went: before the first line (the job's claim, the count of the file's lines), from
     * there to the last chunk's commit (the lines), and after it (the output files assembled from the parts, the
     * summary).
     */
    private static final class PhaseClock implements BatchProcessor.Progress {
        final long start = System.nanoTime();
        private volatile long started;
        private volatile long lastCommit;

        @Override
        public void started(BatchJob job) {
            started = System.nanoTime();
        }

        @Override
        public void committed(BatchJob job) {
            lastCommit = System.nanoTime();
        }

        String describe(long end) {
            return String.format(Locale.ROOT, "setup %.0f ms, lines %.0f ms, finish %.0f ms", (started - start) / 1e6,
                    (lastCommit - started) / 1e6, (end - lastCommit) / 1e6);
        }
    }

    /** @return the CPU time this process (runner, local cloud, emulator and llama.cpp alike) has used */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** @return lines per second of InvokeEndpoint on every prompt from {@code threads} threads */
    private static double direct(SageMakerModelInvoker invoker, List<String> prompts, int maxTokens, int threads)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < prompts.size(); i = next.getAndIncrement()) {
                        invoker.invoke(ENDPOINT, new InvocationRequest(prompts.get(i), null, maxTokens, null, null,
                                null, null, null, null, List.of(), null));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return prompts.size() / ((System.nanoTime() - start) / 1e9);
    }
}
