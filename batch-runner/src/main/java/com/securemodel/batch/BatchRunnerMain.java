package com.securemodel.batch;

import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.batch.BatchPaths;
import com.securemodel.core.batch.BatchProcessor;
import com.securemodel.core.batch.BatchStatus;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.batch.SqsBatchWorker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The batch runner jar.
 *
 * <ul>
 *   <li>{@code worker}: consumes the batch queue (what ECS runs);</li>
 *   <li>{@code run FILE --deployment NAME [--client ID]}: uploads FILE under
 *       {@code batch-input/<client>/<deployment>/<file name>} of the local service (default client {@code local-dev},
 *       the local cloud's default ports) and works it here with a live progress bar; run it again after an
 *       interruption and it resumes from the checkpoint;</li>
 *   <li>{@code file KEY}: works one object already in the bucket (operations, and the kill test).</li>
 * </ul>
 * It exits explicitly: nothing else ends the JVM once model clients have run.
 */
public final class BatchRunnerMain {

    /** The local service's local cloud (README: local mode), as {@code LocalCloudConfig.defaults()} has it. */
    private static final Map<String, String> LOCAL = Map.of(
            "SECUREMODEL_AWS_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
            "SECUREMODEL_AWS_SQS_ENDPOINT", "http://127.0.0.1:9324",
            "SECUREMODEL_AWS_S3_ENDPOINT", "http://127.0.0.1:9090",
            "SECUREMODEL_AWS_SAGEMAKER_ENDPOINT", "http://127.0.0.1:8086",
            "SECUREMODEL_TABLE_NAME", "securemodel",
            "SECUREMODEL_BATCH_BUCKET", "securemodel-local",
            "SECUREMODEL_CONCURRENCY_PER_REPLICA", "1");

    private BatchRunnerMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.getenv(), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (RuntimeException e) {
            System.err.println("Batch runner failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out) {
        if (args.length == 0) {
            throw new IllegalArgumentException(
                    "Usage: batch-runner worker | run FILE --deployment NAME [--client ID] | file KEY");
        }
        switch (args[0]) {
            case "worker" -> {
                try (RunnerClients clients = new RunnerClients(env)) {
                    SqsBatchWorker worker = new SqsBatchWorker(clients.sqs, clients.require("SECUREMODEL_BATCH_QUEUE_URL"),
                            clients.processor, Duration.ofMinutes(5), 20);
                    Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
                    worker.run();
                }
                return 0;
            }
            case "file" -> {
                if (args.length < 2) {
                    throw new IllegalArgumentException("Usage: batch-runner file KEY");
                }
                try (RunnerClients clients = new RunnerClients(env)) {
                    out.println(clients.processor.process(args[1], BatchProcessor.Heartbeat.NONE,
                            BatchProcessor.Progress.NONE));
                }
                return 0;
            }
            case "run" -> {
                return runFile(args, env, out);
            }
            default -> throw new IllegalArgumentException("Unknown mode " + args[0] + ": worker, run or file");
        }
    }

    private static int runFile(String[] args, Map<String, String> env, PrintStream out) {
        Map<String, String> options = options(args);
        Path file = Path.of(options.getOrDefault("file", ""));
        String deployment = options.get("--deployment");
        if (!Files.isRegularFile(file) || deployment == null) {
            throw new IllegalArgumentException("Usage: batch-runner run FILE --deployment NAME [--client ID]");
        }
        Map<String, String> settings = new HashMap<>(LOCAL);
        settings.putAll(env);
        String client = options.getOrDefault("--client", "local-dev");
        String key = BatchPaths.INPUT_PREFIX + client + "/" + deployment + "/" + file.getFileName();
        try (RunnerClients clients = new RunnerClients(settings)) {
            long size = Files.size(file);
            if (!clients.batch.blobs().size(key).filter(s -> s == size).isPresent()) {
                clients.batch.blobs().put(key, file, "application/jsonl");
            }
            ProgressBar bar = new ProgressBar(out);
            BatchProcessor.Outcome outcome;
            try {
                outcome = clients.processor.process(key, BatchProcessor.Heartbeat.NONE, bar);
            } catch (ConcurrentUpdateException another) {
                // another runner (the local service's worker, on the file's S3 event) committed first: follow it
                outcome = null;
            }
            BatchJob job = follow(clients, key, bar);
            bar.finish();
            out.println(outcome == BatchProcessor.Outcome.ALREADY_FINISHED ? "Already finished." : "");
            BatchPaths paths = BatchPaths.parse(key).orElseThrow();
            try (InputStream summary = clients.batch.blobs().open(paths.summaryKey(), 0).orElseThrow()) {
                out.println(new String(summary.readAllBytes(), StandardCharsets.UTF_8));
            }
            out.println("Output: s3://" + settings.get("SECUREMODEL_BATCH_BUCKET") + "/" + paths.outputKey());
            return job.status() == BatchStatus.COMPLETED ? 0 : 1;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** When another runner (the local service's worker) holds the file, shows its progress until it finishes. */
    private static BatchJob follow(RunnerClients clients, String key, ProgressBar bar) {
        BatchPaths paths = BatchPaths.parse(key).orElseThrow();
        while (true) {
            BatchJob job = clients.batch.batches().find(paths.clientId(), BatchPaths.batchId(key)).orElseThrow();
            if (job.status().terminal()) {
                return job;
            }
            bar.committed(job);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                options.put("file", args[i]);
            }
        }
        return options;
    }

    static ClientId client(String value) {
        return new ClientId(value);
    }
}
