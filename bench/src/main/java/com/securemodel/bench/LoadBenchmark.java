package com.securemodel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The load harness: {@code clients} concurrent clients (200) for {@code seconds} (60) against the whole local
 * service, each in a closed loop over a mix of every dialect (PaiTIENT generate, get and list; OpenAI chat and
 * models; Bytez run and instances; health). Prints p50/p99 per kind of call, the statuses seen, and the resident
 * memory of the service at start, middle and end; exits 1 on any answer other than the expected one or a 429
 * (the emulator's and the queue's refusals at capacity, by design). Not part of CI:
 * {@code ./mvnw -q -pl bench -am test-compile exec:exec@bench -Dbench.main=com.securemodel.bench.LoadBenchmark
 * -Dbench.args="clients=200 seconds=60"}.
 */
public final class LoadBenchmark {

    private record Kind(String name, String method, String path, Map<String, String> headers, String body,
                        int expected) {
    }

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(Stats.arg(args, "clients", "200"));
        int seconds = Integer.parseInt(Stats.arg(args, "seconds", "60"));
        System.out.printf(Locale.ROOT, "resident memory before start: %s%n", rss());
        ConfigurableApplicationContext context = LocalApi.startService();
        int status = 1;
        try {
            LocalApi api = LocalApi.of(context);
            String id = api.createRunningDeployment();
            List<Kind> kinds = kinds(id);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            System.out.printf(Locale.ROOT, "deployment %s running; %d clients for %d s; resident memory at start: %s%n",
                    id, clients, seconds, rss());
            Map<String, List<Double>> latencies = new ConcurrentHashMap<>();
            Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
            AtomicLong unexpected = new AtomicLong();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    pool.submit(() -> loop(http, api.base(), kinds, client, end, latencies, statuses, unexpected));
                }
                Thread.sleep(Duration.ofSeconds(seconds).toMillis() / 2);
                System.out.printf(Locale.ROOT, "resident memory at the middle: %s%n", rss());
            }
            System.out.printf(Locale.ROOT, "resident memory at the end: %s%n", rss());
            latencies.forEach((name, values) -> {
                double[] ms = values.stream().mapToDouble(Double::doubleValue).toArray();
                System.out.printf(Locale.ROOT, "%-24s %8d calls  p50 %8.2f ms  p99 %8.2f ms%n", name, ms.length,
                        Stats.quantile(ms, 0.5), Stats.quantile(ms, 0.99));
            });
            System.out.println("statuses: " + statuses);
            System.out.println(unexpected.get() == 0 ? "no errors but 429s" : unexpected.get() + " unexpected answers");
            status = unexpected.get() == 0 ? 0 : 1;
        } finally {
            context.close();
        }
        System.exit(status); // llama.cpp and DynamoDB Local leave threads that keep the JVM alive
    }

    private static void loop(HttpClient http, URI base, List<Kind> kinds, int client, long end,
                             Map<String, List<Double>> latencies, Map<String, LongAdder> statuses,
                             AtomicLong unexpected) {
        int i = client;
        while (System.nanoTime() < end) {
            Kind kind = kinds.get(i++ % kinds.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(kind.path()))
                    .timeout(Duration.ofSeconds(60))
                    .method(kind.method(), kind.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(kind.body()));
            kind.headers().forEach(request::header);
            long t0 = System.nanoTime();
            int status;
            try {
                status = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (Exception e) {
                status = -1;
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            statuses.computeIfAbsent(kind.name() + " " + status, k -> new LongAdder()).increment();
            if (status == kind.expected()) {
                latencies.computeIfAbsent(kind.name(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(ms);
            } else if (status != 429) {
                unexpected.incrementAndGet();
            }
        }
    }

    private static List<Kind> kinds(String id) {
        Map<String, String> paitient = Map.of("Authorization", "Bearer " + LocalApi.KEY, "X-Client-ID",
                LocalApi.CLIENT, "Content-Type", "application/json");
        Map<String, String> openAi = Map.of("Authorization", "Bearer " + LocalApi.KEY,
                "Content-Type", "application/json");
        Map<String, String> bytez = Map.of("Authorization", "Key " + LocalApi.KEY, "Content-Type", "application/json");
        return List.of(
                new Kind("paitient generate", "POST", "/v1/deployments/" + id + "/generate", paitient,
                        "{\"prompt\": \"Once upon a time\", \"max_tokens\": 4}", 200),
                new Kind("paitient get", "GET", "/v1/deployments/" + id, paitient, null, 200),
                new Kind("paitient list", "GET", "/v1/deployments?limit=5", paitient, null, 200),
                new Kind("openai chat", "POST", "/v1/chat/completions", openAi, "{\"model\": \"" + id
                        + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 4}", 200),
                new Kind("openai models", "GET", "/v1/models", openAi, null, 200),
                new Kind("bytez instances", "GET", "/model/instances", bytez, null, 200),
                new Kind("health", "GET", "/health", Map.of(), null, 200));
    }

    /** @return this process's resident memory (the service runs in it), from {@code /proc} on Linux */
    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }
}
