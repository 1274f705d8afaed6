package com.securemodel.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.batch.BatchPaths;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.deployment.SecuritySettings;
import com.securemodel.core.hosting.ContainerSpec;
import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.DynamoDbDeploymentStore;
import com.securemodel.functions.aws.DynamoDbTables;
import com.securemodel.functions.aws.SageMakerModelHost;
import com.securemodel.functions.batch.BatchComponents;
import com.securemodel.localstack.LocalCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The local cloud as the kill test needs it: the table, the bucket, a running deployment of the tiny model (its
 * endpoint on the SageMaker emulator, its item written directly), and runner processes pointed at all of them.
 */
final class KillTestCloud {

    static final String TINY = "securemodel/tiny-random-llama";
    private static final String TABLE = "securemodel-kill";
    private static final String BUCKET = "kill-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalCloud cloud;
    private final S3Client s3;
    private final BatchComponents batch;
    private final String client;
    private final String deploymentName;

    private KillTestCloud(LocalCloud cloud, S3Client s3, BatchComponents batch, String client, String name) {
        this.cloud = cloud;
        this.s3 = s3;
        this.batch = batch;
        this.client = client;
        this.deploymentName = name;
    }

    static KillTestCloud start(LocalCloud cloud) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(cloud.accessKey(), cloud.secretKey()));
        Region region = Region.of(cloud.region());
        DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint()).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        S3Client s3 = S3Client.builder().endpointOverride(cloud.s3Endpoint()).region(region)
                .credentialsProvider(credentials).forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(cloud.sageMakerEndpoint())
                .region(region).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbTables.createIfMissing(dynamoDb, TABLE);
        s3.createBucket(b -> b.bucket(BUCKET));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String endpoint = "sm-kill-" + suffix;
        SageMakerModelHost host = new SageMakerModelHost(sageMaker);
        host.createEndpoint(new EndpointSpec(endpoint, endpoint, endpoint, new ContainerSpec(
                "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
                Map.of("HF_MODEL_ID", TINY, "OPTION_DTYPE", "fp16")),
                "arn:aws:iam::000000000000:role/securemodel-sagemaker", "g4dn.xlarge", 1, true, null));
        awaitInService(host, endpoint);
        String client = "kill-" + suffix;
        String name = "tiny-" + suffix;
        Instant now = Instant.now();
        new DynamoDbDeploymentStore(dynamoDb, TABLE).create(new Deployment(new ClientId(client), "dep_" + suffix,
                TINY, name, "gpu", "g4dn.xlarge", 1, 1, 1, false, cloud.region(), null, Map.of(),
                ModelConfig.EMPTY, SecuritySettings.EMPTY, new HostingPlan("fp16", 1, 1.0, endpoint),
                DeploymentStatus.RUNNING, null, now, now, 1));
        return new KillTestCloud(cloud, s3, BatchComponents.of(dynamoDb, () -> s3, TABLE, BUCKET), client, name);
    }

    private static void awaitInService(SageMakerModelHost host, String endpoint) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (host.describeEndpoint(endpoint).status() == EndpointState.Status.CREATING
                && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (host.describeEndpoint(endpoint).status() != EndpointState.Status.IN_SERVICE) {
            throw new IllegalStateException("The tiny endpoint did not come up: " + host.describeEndpoint(endpoint));
        }
    }

    /** @return the key of {@code content} put under {@code batch-input/<client>/<deployment>/<name>} */
    String putInput(String name, String content) {
        String key = BatchPaths.INPUT_PREFIX + client + "/" + deploymentName + "/" + name;
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
        return key;
    }

    /** Starts {@code batch-runner file KEY} in a child JVM, its output (stdout and stderr) into {@code log}. */
    Process runner(String key, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        Optional<Path> jar = shadedJar();
        if (jar.isPresent()) {
            command.addAll(List.of("-jar", jar.get().toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                    System.getProperty("java.class.path")), BatchRunnerMain.class.getName()));
        }
        command.addAll(List.of("file", key));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SECUREMODEL_AWS_DYNAMODB_ENDPOINT", cloud.dynamoDbEndpoint().toString());
        env.put("SECUREMODEL_AWS_S3_ENDPOINT", cloud.s3Endpoint().toString());
        env.put("SECUREMODEL_AWS_SQS_ENDPOINT", cloud.sqsEndpoint().toString());
        env.put("SECUREMODEL_AWS_SAGEMAKER_ENDPOINT", cloud.sageMakerEndpoint().toString());
        env.put("AWS_REGION", cloud.region());
        env.put("AWS_ACCESS_KEY_ID", cloud.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", cloud.secretKey());
        env.put("SECUREMODEL_TABLE_NAME", TABLE);
        env.put("SECUREMODEL_BATCH_BUCKET", BUCKET);
        env.put("SECUREMODEL_BATCH_CHUNK_SIZE", "5");
        env.put("SECUREMODEL_CONCURRENCY_PER_REPLICA", "2");
        return builder.start();
    }

    /** The jar {@code package} built (failsafe runs after it), else empty (an IDE run). */
    private static Optional<Path> shadedJar() throws IOException {
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("batch-runner-.*\\.jar")).findFirst();
        }
    }

    Optional<BatchJob> job(String key) {
        return batch.batches().find(new ClientId(client), BatchPaths.batchId(key));
    }

    String read(String key) {
        try (InputStream in = batch.blobs().open(key, 0).orElseThrow(() -> new AssertionError("no object " + key))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> lines(String key) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : read(key).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    List<String> keys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
                .toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
