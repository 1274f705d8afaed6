package com.securemodel.sdks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.IdGenerator;
import com.securemodel.core.limits.TierResolver;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.SecureModelApplication;
import com.securemodel.localstack.llm.TinyModelGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service in local mode (API, local cloud, deployment worker), started once per JVM on free ports, for the
 * SDKs' suites and the SDK reference's examples.
 *
 * <p>It holds client {@code your-client-id} with key {@code your-api-key} (the reference's placeholders, so its
 * examples run as written) beside the default {@code local-dev} / {@code sk-local-dev}; both hold every scope. Its
 * clients are on tier {@code sdk}, whose limits no suite reaches, so quotas and rate limits never make a test flaky.
 * A running deployment of the tiny model has the reference's placeholder id {@code deployment-123} (also its name):
 * the service's id generator hands out that id for the one create made here. A third client,
 * {@code sdk-limited} (key {@code sk-sdk-limited}), is on tier {@code sdk-limited}: no deployments, no tokens and
 * {@value #LIMITED_REQUESTS_PER_MINUTE} requests per minute, for the suites' quota and rate-limit tests.
 */
public final class LocalService {

    public static final String CLIENT_ID = "your-client-id";
    public static final String API_KEY = "your-api-key";
    public static final String DEPLOYMENT_ID = "deployment-123";
    public static final String LIMITED_CLIENT_ID = "sdk-limited";
    public static final String LIMITED_API_KEY = "sk-sdk-limited";
    public static final int LIMITED_REQUESTS_PER_MINUTE = 5;
    /**
     * The suites that run in one JVM share the service: each has its own limited client (this suffix on
     * {@link #LIMITED_CLIENT_ID} and {@link #LIMITED_API_KEY}), so that one suite's spent minute is not another's.
     */
    public static final List<String> LIMITED_SUITES = List.of("", "-js", "-java");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicReference<String> NEXT_DEPLOYMENT_ID = new AtomicReference<>();
    private static LocalService shared;

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private LocalService(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + "/v1";
    }

    /** Starts the service on the first call (a minute or so: the tiny model is deployed until it runs). */
    public static synchronized LocalService shared() {
        if (shared == null) {
            LocalService service = new LocalService(start());
            service.registerClients();
            service.deployPlaceholder();
            Runtime.getRuntime().addShutdownHook(new Thread(service.context::close, "local-service-stop"));
            shared = service;
        }
        return shared;
    }

    /** @return the PaiTIENT API's base URL, ending in {@code /v1} */
    public String baseUrl() {
        return baseUrl;
    }

    public String apiKey() {
        return API_KEY;
    }

    public String clientId() {
        return CLIENT_ID;
    }

    /** @return {@code deployment-123}: a running deployment of the tiny model, that is its id and its name */
    public String deploymentId() {
        return DEPLOYMENT_ID;
    }

    /**
     * @return {@code PAITIENT_BASE_URL}, {@code PAITIENT_API_KEY}, {@code PAITIENT_CLIENT_ID},
     *         {@code PAITIENT_DEPLOYMENT_ID}, plus {@code PAITIENT_TEST_LIMITED_API_KEY} and
     *         {@code PAITIENT_TEST_LIMITED_CLIENT_ID} (the {@code sdk-limited} client) for the suites' limit tests
     */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PAITIENT_BASE_URL", baseUrl);
        env.put("PAITIENT_API_KEY", API_KEY);
        env.put("PAITIENT_CLIENT_ID", CLIENT_ID);
        env.put("PAITIENT_DEPLOYMENT_ID", DEPLOYMENT_ID);
        env.put("PAITIENT_TEST_LIMITED_API_KEY", LIMITED_API_KEY);
        env.put("PAITIENT_TEST_LIMITED_CLIENT_ID", LIMITED_CLIENT_ID);
        return env;
    }

    /** What a process printed (standard output and error, interleaved) and how it ended. */
    public record ProcessResult(int exitCode, String output, boolean timedOut) {

        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }
    }

    /**
     * Runs {@code command} in {@code dir} with the current environment plus {@code env} (a null value removes that
     * variable), and prints its output when it fails or runs past {@code timeout} (then it is killed, and
     * {@code exitCode} is -1).
     */
    public static ProcessResult run(Path dir, Map<String, String> env, Duration timeout, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), output));
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            reader.join(Duration.ofSeconds(10));
            String text;
            synchronized (output) {
                text = output.toString(StandardCharsets.UTF_8);
            }
            ProcessResult result = new ProcessResult(finished ? process.exitValue() : -1, text, !finished);
            if (!result.succeeded()) {
                System.out.printf("%s %s (in %s):%n%s%n", String.join(" ", command),
                        finished ? "exited with " + result.exitCode() : "ran past " + timeout, dir, text);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was killed; what it printed so far is kept
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SecureModelApplication.class)
                .profiles("local")
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new PlaceholderIds()))
                .run("--server.port=0", "--securemodel.local.free-ports=true",
                        "--securemodel.local.models-dir=target/sdk-models", "--logging.level.root=WARN",
                        "--securemodel.default-tier=sdk",
                        "--securemodel.tiers.sdk.max-deployments=1000",
                        "--securemodel.tiers.sdk.max-gpu-instances=100000",
                        "--securemodel.tiers.sdk.requests-per-minute=1000000000",
                        "--securemodel.tiers.sdk.tokens-per-period=1000000000000",
                        "--securemodel.tiers.sdk-limited.max-deployments=0",
                        "--securemodel.tiers.sdk-limited.max-gpu-instances=0",
                        "--securemodel.tiers.sdk-limited.requests-per-minute=" + LIMITED_REQUESTS_PER_MINUTE,
                        "--securemodel.tiers.sdk-limited.tokens-per-period=0");
    }

    private void registerClients() {
        Authenticator authenticator = context.getBean(Authenticator.class);
        authenticator.register(new ClientId(CLIENT_ID), CLIENT_ID, API_KEY);
        for (String suite : LIMITED_SUITES) {
            ClientId limited = new ClientId(LIMITED_CLIENT_ID + suite);
            authenticator.register(limited, limited.value(), LIMITED_API_KEY + suite);
            context.getBean(TierResolver.class).assign(limited, "sdk-limited");
        }
    }

    /** Creates {@code deployment-123} of the tiny model and waits until it runs. */
    private void deployPlaceholder() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        NEXT_DEPLOYMENT_ID.set(DEPLOYMENT_ID);
        JsonNode created = send(http, "POST", "/deployments", "{\"model_name\": \"" + TinyModelGenerator.MODEL_ID
                + "\", \"deployment_name\": \"" + DEPLOYMENT_ID + "\", \"instance_type\": \"g4dn.xlarge\"}");
        NEXT_DEPLOYMENT_ID.set(null);
        if (!DEPLOYMENT_ID.equals(created.path("id").asText())) {
            throw new IllegalStateException("The placeholder deployment got id " + created.path("id"));
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode deployment = send(http, "GET", "/deployments/" + DEPLOYMENT_ID, null);
            switch (deployment.path("status").asText()) {
                case "running" -> {
                    return;
                }
                case "failed" -> throw new IllegalStateException("The placeholder deployment failed: " + deployment);
                default -> sleep();
            }
        }
        throw new IllegalStateException("The placeholder deployment did not run within 3 minutes");
    }

    private JsonNode send(HttpClient http, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + API_KEY)
                .header("X-Client-ID", CLIENT_ID)
                .header("Content-Type", "application/json")
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Hands out {@code deployment-123} as the id of the one deployment {@link #deployPlaceholder} creates. */
    private static final class PlaceholderIds implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof IdGenerator ids) {
                return (IdGenerator) prefix -> {
                    String placeholder = "dep".equals(prefix) ? NEXT_DEPLOYMENT_ID.getAndSet(null) : null;
                    return placeholder != null ? placeholder : ids.next(prefix);
                };
            }
            return bean;
        }
    }
}
