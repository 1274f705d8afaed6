package com.securemodel.bench;

import com.securemodel.core.audit.CallJournal;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.localstack.LocalCloud;
import java.util.Locale;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * What the service adds to a request: through the local API (the same HTTP function as on Lambda, behind the local
 * web server), {@code GET /v1/deployments/{id}} and {@code generate} with {@code max_tokens} 1 on the tiny model,
 * at 16 concurrent clients, beside the same one-token generation called directly on the SageMaker emulator
 * ({@code InvokeEndpoint}). Targets (issue 13): p99 added latency at most 5 ms at 1 client; at 16 clients at least
 * 0.9 of the direct throughput.
 * It runs once with one client (the service's own cost per request) and once with {@code clients} (the issue's
 * 16: on a small machine the service, DynamoDB Local, the emulator and the load generator share the cores, so the
 * added latency there includes queueing for CPU).
 * Arguments: {@code clients=N}, {@code requests=N} (GET), {@code generations=N} (calls a side in each run, 3,000:
 * at 1,000, a run at 16 clients lasted under a second, and one invocation's rounds ranged from 0.71 to 1.15 on this
 * shared machine; at 3,000 from 0.80 to 0.95), {@code warmup=N} (rounds of
 * warm-up, 4), {@code rounds=N} (alternating pairs of runs for the throughput ratio at N clients, 9; its median is the
 * verdict), {@code breakdown=N} (then N rounds of {@link GenerateBreakdown}: the time of each layer),
 * {@code direct=buffered} (the direct calls on the service's own {@code BufferedPostHttpClient} instead of the SDK's
 * {@code UrlConnectionHttpClient}, which waits 1 ms on the JDK's probe of a kept-alive connection before each call:
 * the stricter baseline).
 */
public final class ApiLatencyBenchmark {

    private static final String PROMPT = "The patient presents with a persistent cough and";

    private ApiLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // both sides call with HttpURLConnection, whose keep-alive cache holds 5 connections a host by default: at
        // 16 clients the rest would open a new connection for every call
        System.setProperty("http.maxConnections", "64");
        int clients = Integer.parseInt(Stats.arg(args, "clients", "16"));
        int requests = Integer.parseInt(Stats.arg(args, "requests", "4000"));
        int generations = Integer.parseInt(Stats.arg(args, "generations", "3000"));
        int breakdown = Integer.parseInt(Stats.arg(args, "breakdown", "0"));
        int warmup = Integer.parseInt(Stats.arg(args, "warmup", "4"));
        int rounds = Integer.parseInt(Stats.arg(args, "rounds", "9"));
        boolean bufferedDirect = Stats.arg(args, "direct", "sdk").equals("buffered");

        ConfigurableApplicationContext context = LocalApi.startService();
        try {
            LocalApi api = LocalApi.of(context);
            String id = api.createRunningDeployment();
            String endpoint = context.getBean(DeploymentService.class).get(new ClientId(LocalApi.CLIENT), id).hosting()
                    .endpointName();
            LocalCloud cloud = context.getBean(LocalCloud.class);
            System.out.printf(Locale.ROOT, "deployment %s running on emulator endpoint %s; %d clients; direct calls"
                    + " through the SDK on %s%n", id, endpoint, clients, bufferedDirect
                    ? "BufferedPostHttpClient (direct=buffered)" : "UrlConnectionHttpClient");

            String generateBody = "{\"prompt\":\"" + PROMPT + "\",\"max_tokens\":1}";
            String tgiBody = "{\"inputs\":\"" + PROMPT + "\",\"parameters\":{\"max_new_tokens\":1}}";
            try (SageMakerRuntimeClient runtime = SageMakerClients.runtime(cloud.sageMakerEndpoint(),
                    bufferedDirect)) {
                // warm-up of every path (JIT, connection pools), not counted: the process holds a lot of code (the
                // service, the local cloud, the emulator), and with a short warm-up the JIT compilers were still
                // using a quarter of the CPU of the measured runs
                for (int round = 0; round < warmup; round++) {
                    LoadRun.run("warm-up", clients, requests / 4, () -> api.get(id));
                    LoadRun.run("warm-up", clients, generations, () -> api.generate(id, generateBody));
                    LoadRun.run("warm-up", clients, generations, () -> invoke(runtime, endpoint, tgiBody));
                }

                for (int concurrency : new int[] {1, clients}) {
                    System.out.printf(Locale.ROOT, "--- %d concurrent client(s)%n", concurrency);
                    // as many calls at one client as at 16: the p99 of 250 calls was the 3rd slowest, mostly noise
                    int scale = 1;
                    LoadRun.Result get = LoadRun.run("API GET /v1/deployments/{id}", concurrency,
                            requests / scale, () -> api.get(id));
                    settle(context);
                    ThreadCpu beforeDirect = ThreadCpu.snapshot();
                    LoadRun.Result direct = LoadRun.run("emulator InvokeEndpoint (max_new_tokens 1)", concurrency,
                            generations / scale, () -> invoke(runtime, endpoint, tgiBody));
                    settle(context);
                    ThreadCpu beforeGenerate = ThreadCpu.snapshot();
                    LoadRun.Result generate = LoadRun.run("API POST .../generate (max_tokens 1)", concurrency,
                            generations / scale, () -> api.generate(id, generateBody));
                    long flushStart = System.nanoTime();
                    settle(context); // what the run recorded and has not written yet: its share of the writes
                    double flushSeconds = (System.nanoTime() - flushStart) / 1e9;
                    ThreadCpu afterGenerate = ThreadCpu.snapshot();
                    get.print();
                    direct.print();
                    generate.print();
                    report(concurrency, direct, generate, flushSeconds);
                    beforeGenerate.printSince(beforeDirect, direct);
                    afterGenerate.printSince(beforeGenerate, generate);
                }
                throughputRounds(context, clients, rounds, generations,
                        () -> invoke(runtime, endpoint, tgiBody), () -> api.generate(id, generateBody));
                if (breakdown > 0) {
                    new GenerateBreakdown(context, id, endpoint, PROMPT, generateBody).run(breakdown,
                            () -> invoke(runtime, endpoint, tgiBody), () -> {
                                try {
                                    api.generate(id, generateBody);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
                }
            }
        } finally {
            context.close();
        }
        System.exit(0); // llama.cpp leaves a native thread that keeps the JVM alive
    }

    /**
     * Writes the usage, audit records and log lines that earlier runs left waiting, so that their writes (into
     * DynamoDB Local, in this process) do not land in the next run's time: the direct run's especially.
     */
    private static void settle(ConfigurableApplicationContext context) {
        context.getBean(UsageRecorder.class).flush();
        context.getBean(CallJournal.class).flush();
    }

    /** The added latency (held against the target at one client only, where issue 13 sets it) and the ratio. */
    private static void report(int concurrency, LoadRun.Result direct, LoadRun.Result generate, double flushSeconds) {
        double addedP50 = generate.p50() - direct.p50();
        double addedP99 = generate.p99() - direct.p99();
        double throughput = generate.requestsPerSecond() / direct.requestsPerSecond();
        // the usage, audit records and log lines of the run are written every 5 s, some after the run ended: that
        // flush counts as the run's time too (serialized after it, so this leans against the service)
        double withWrites = chargedRatio(direct, generate, flushSeconds);
        String verdict = "target p99 <= 5 ms: " + (addedP99 <= 5 ? "met" : "NOT met");
        if (concurrency != 1) {
            verdict = "the p99 target is for 1 client; at " + concurrency + " the target is the throughput ratio below";
        }
        System.out.printf(Locale.ROOT, "added latency per generate: p50 %+.2f ms, p99 %+.2f ms (%s)%n",
                addedP50, addedP99, verdict);
        System.out.printf(Locale.ROOT, "throughput ratio generate/direct: %.3f, %.3f with the %.0f ms flush of its"
                + " records after the run (one pair of runs; the verdict is the rounds' median below)%n", throughput,
                withWrites, flushSeconds * 1000);
    }

    /**
     * The throughput ratio at {@code clients}, from {@code rounds} pairs of runs that alternate which side goes first
     * (one pair on a shared 2-core machine moves by 10-20% from noise alone); the median of the pairs' ratios, with
     * each generate run charged for the flush of its records, is the one held against the target.
     */
    private static void throughputRounds(ConfigurableApplicationContext context, int clients, int rounds,
                                         int calls, LoadRun.Call direct, LoadRun.Call generate) throws Exception {
        if (rounds <= 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "--- throughput at %d clients: %d rounds of %d calls a side, alternating which"
                + " side goes first%n", clients, rounds, calls);
        double[] raw = new double[rounds];
        double[] charged = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            settle(context);
            LoadRun.Result directRun = null;
            if (round % 2 == 0) {
                directRun = LoadRun.run("direct", clients, calls, direct);
            }
            LoadRun.Result generateRun = LoadRun.run("generate", clients, calls, generate);
            long flushStart = System.nanoTime();
            settle(context);
            double flushSeconds = (System.nanoTime() - flushStart) / 1e9;
            if (directRun == null) {
                directRun = LoadRun.run("direct", clients, calls, direct);
            }
            raw[round] = generateRun.requestsPerSecond() / directRun.requestsPerSecond();
            charged[round] = chargedRatio(directRun, generateRun, flushSeconds);
            System.out.printf(Locale.ROOT, "round %d (%s first): direct %.1f req/s, generate %.1f req/s + %.0f ms"
                    + " flush: ratio %.3f, %.3f with the flush%n", round + 1, round % 2 == 0 ? "direct" : "generate",
                    directRun.requestsPerSecond(), generateRun.requestsPerSecond(), flushSeconds * 1000, raw[round],
                    charged[round]);
        }
        double median = Stats.median(charged);
        System.out.printf(Locale.ROOT, "VERDICT: throughput ratio at %d clients, median of %d rounds: %.3f, %.3f with"
                + " the flush of its records (target >= 0.9: %s)%n", clients, rounds, Stats.median(raw), median,
                median >= 0.9 ? "met" : "NOT met");
    }

    /** The throughput ratio with the generate run's time including the flush of its records after it. */
    private static double chargedRatio(LoadRun.Result direct, LoadRun.Result generate, double flushSeconds) {
        return generate.latenciesMs().length / (generate.wallSeconds() + flushSeconds) / direct.requestsPerSecond();
    }

    private static void invoke(SageMakerRuntimeClient runtime, String endpoint, String body) {
        runtime.invokeEndpoint(r -> r.endpointName(endpoint).contentType("application/json")
                .body(SdkBytes.fromUtf8String(body)));
    }
}
