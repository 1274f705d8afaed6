package com.securemodel.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.hosting.ContainerSpec;
import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.DynamoDbApiKeyStore;
import com.securemodel.functions.aws.DynamoDbDeploymentStore;
import com.securemodel.functions.aws.DynamoDbTables;
import com.securemodel.functions.TestPorts;
import com.securemodel.functions.aws.SageMakerModelHost;
import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.LocalCloudExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The Lambda jar as the streaming function runs it: {@code infra-cdk}'s {@code run.sh} starts the shaded {@code aws}
 * jar's main class with profile {@code stream} (no {@code _HANDLER}), the Lambda Web Adapter waits for
 * {@code /health} and forwards requests to the web server. Here a new JVM starts it the same way, configured only by
 * environment variables (as Lambda does), against the local cloud; a streamed chat must arrive chunk by chunk.
 */
@ExtendWith(LocalCloudExtension.class)
class StreamingWebAppIT {

    private static final String TINY = "securemodel/tiny-random-llama";

    @Test
    void awsJar_underTheStreamProfile_servesTheApi_andStreamsTokenByToken(LocalCloud cloud) throws Exception {
        // given: the table with a key and a running deployment on an endpoint of the emulator
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(cloud.accessKey(),
                cloud.secretKey()));
        DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint())
                .region(Region.of(cloud.region())).credentialsProvider(credentials).build();
        String table = "stream-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDbTables.createIfMissing(dynamoDb, table);
        ClientId client = new ClientId("stream-it");
        String key = new Authenticator(new DynamoDbApiKeyStore(dynamoDb, table), Clock.systemUTC()).issue(client);
        String endpoint = tinyEndpoint(cloud, credentials);
        Instant now = Instant.now();
        new DynamoDbDeploymentStore(dynamoDb, table).create(new Deployment(client, "dep_streamit01", TINY, "stream-it",
                "gpu", "g4dn.xlarge", 1, 1, 1, false, cloud.region(), null, Map.of(), ModelConfig.EMPTY, null,
                new HostingPlan("fp16", 1, 1.0, endpoint), DeploymentStatus.RUNNING, null, now, now, 1));
        int port = TestPorts.free();

        // when: the jar starts as run.sh starts it
        Process app = start(cloud, table, port);
        try {
            long started = System.nanoTime();
            awaitHealth(port, app);
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            List<String> events = streamChat(port, key);

            // then
            assertThat(events.size()).as("ready after %d ms", readyMillis).isGreaterThan(4);
            assertThat(events.getFirst()).contains("\"role\":\"assistant\"");
            assertThat(events.getLast()).isEqualTo("[DONE]");
            System.out.printf("stream profile: /health answered %d ms after the JVM started%n", readyMillis);
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    private static String tinyEndpoint(LocalCloud cloud, StaticCredentialsProvider credentials) throws Exception {
        SageMakerModelHost host = new SageMakerModelHost(SageMakerClient.builder()
                .endpointOverride(cloud.sageMakerEndpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(credentials).build());
        String name = "sms-stream-" + UUID.randomUUID().toString().substring(0, 8);
        host.createEndpoint(new EndpointSpec(name, name, name, new ContainerSpec("djl-inference",
                Map.of("HF_MODEL_ID", TINY, "OPTION_DTYPE", "fp16")),
                "arn:aws:iam::000000000000:role/securemodel-sagemaker", "g4dn.xlarge", 1, true, null));
        for (int i = 0; i < 240; i++) {
            EndpointState state = host.describeEndpoint(name);
            if (state.status() != EndpointState.Status.CREATING) {
                assertThat(state.status()).isEqualTo(EndpointState.Status.IN_SERVICE);
                return name;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("endpoint " + name + " never came in service");
    }

    private static Process start(LocalCloud cloud, String table, int port) throws IOException {
        Path jar = awsJar();
        Path log = Files.createTempFile("stream-app", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAMPercentage=75", "-cp", jar.toString(), "-Dspring.profiles.active=stream",
                "com.securemodel.functions.SecureModelApplication")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("_HANDLER");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("AWS_REGION", cloud.region());
        env.put("AWS_ACCESS_KEY_ID", cloud.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", cloud.secretKey());
        env.put("SPRING_CLOUD_FUNCTION_DEFINITION", "httpApi");
        env.put("SECUREMODEL_TABLE_NAME", table);
        env.put("SECUREMODEL_REGION", cloud.region());
        env.put("SECUREMODEL_PROVISIONING_QUEUE_URL", cloud.sqsEndpoint() + "/000000000000/none");
        env.put("SECUREMODEL_ASYNC_QUEUE_URL", cloud.sqsEndpoint() + "/000000000000/none-async");
        env.put("SECUREMODEL_AWS_DYNAMODB_ENDPOINT", cloud.dynamoDbEndpoint().toString());
        env.put("SECUREMODEL_AWS_SQS_ENDPOINT", cloud.sqsEndpoint().toString());
        env.put("SECUREMODEL_AWS_S3_ENDPOINT", cloud.s3Endpoint().toString());
        env.put("SECUREMODEL_AWS_SAGEMAKER_ENDPOINT", cloud.sageMakerEndpoint().toString());
        env.put("SECUREMODEL_SAGEMAKER_ROLE_ARN", "arn:aws:iam::000000000000:role/securemodel-sagemaker");
        env.put("DJL_CACHE_DIR", log.getParent().resolve("djl").toString());
        return builder.start();
    }

    private static Path awsJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-aws.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-aws.jar in target: the package phase builds it"))
                    .toAbsolutePath();
        }
    }

    private static void awaitHealth(int port, Process app) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the app exited").isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    assertThat(health.body()).contains("ok");
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/health never answered");
    }

    private static List<String> streamChat(int port, String key) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"stream-it\", \"messages\": [{\"role\": "
                        + "\"user\", \"content\": \"Hello\"}], \"max_tokens\": 12, \"stream\": true}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                }
            }
        }
        return events;
    }
}
