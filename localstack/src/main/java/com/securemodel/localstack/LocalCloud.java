package com.securemodel.localstack;

import com.securemodel.localstack.internal.dynamodb.DynamoDbLocalServer;
import com.securemodel.localstack.internal.s3.S3ProxyServer;
import com.securemodel.localstack.internal.sqs.ElasticMqServer;
import com.securemodel.localstack.llm.FileModelCatalog;
import com.securemodel.localstack.llm.LlamaModelLoader;
import com.securemodel.localstack.sagemaker.SageMakerEmulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The local cloud: DynamoDB Local (in-memory), ElasticMQ (SQS), S3Proxy (in-memory S3) and the SageMaker emulator
 * (llama.cpp behind each endpoint), each a real server in this JVM on 127.0.0.1, reached by AWS SDK v2 clients through {@code endpointOverride}.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.freePorts())) {
 *     DynamoDbClient dynamo = DynamoDbClient.builder()
 *             .endpointOverride(cloud.dynamoDbEndpoint())
 *             .region(Region.of(cloud.region()))
 *             .credentialsProvider(StaticCredentialsProvider.create(
 *                     AwsBasicCredentials.create(cloud.accessKey(), cloud.secretKey())))
 *             .build();
 * }
 * }</pre>
 *
 * S3 clients must use path-style access ({@code forcePathStyle(true)}) and send checksums only when required
 * ({@code requestChecksumCalculation(WHEN_REQUIRED)}, {@code responseChecksumValidation(WHEN_REQUIRED)}, or the
 * environment variables {@code AWS_REQUEST_CHECKSUM_CALCULATION=when_required} and
 * {@code AWS_RESPONSE_CHECKSUM_VALIDATION=when_required}): S3Proxy 2.6 rejects the SDK's default
 * {@code aws-chunked} uploads with trailing checksums.
 */
public final class LocalCloud implements AutoCloseable {

    private final LocalCloudConfig config;
    private final List<StartedPart> parts;
    private final Deque<AutoCloseable> running;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final S3ProxyServer s3;

    private LocalCloud(LocalCloudConfig config, List<StartedPart> parts, Deque<AutoCloseable> running) {
        this.config = config;
        this.s3 = running.stream().filter(S3ProxyServer.class::isInstance).map(S3ProxyServer.class::cast)
                .findFirst().orElseThrow();
        this.parts = List.copyOf(parts);
        this.running = running;
    }

    /**
     * Starts every part; if one fails, stops those already started and throws.
     *
     * @param config ports, region, credentials and models directory
     * @return the running local cloud
     * @throws PortInUseException when a port is taken
     * @throws LocalCloudException when a part fails to start for another reason
     */
    public static LocalCloud start(LocalCloudConfig config) {
        ThirdPartyLogLevels.quiet();
        Deque<AutoCloseable> running = new ArrayDeque<>();
        List<StartedPart> parts = new ArrayList<>();
        try {
            timed("DynamoDB", parts, running,
                    () -> DynamoDbLocalServer.start(config.dynamoDbPort()), DynamoDbLocalServer::port);
            timed("SQS", parts, running,
                    () -> ElasticMqServer.start(config.sqsPort(), config.region()), ElasticMqServer::port);
            timed("S3", parts, running,
                    () -> S3ProxyServer.start(config.s3Port(), config.accessKey(), config.secretKey(), config.region()),
                    S3ProxyServer::port);
            startSageMakerEmulator(config, parts, running);
            return new LocalCloud(config, parts, running);
        } catch (RuntimeException e) {
            closeAll(running, e);
            throw e;
        }
    }

    /** The SageMaker emulator, serving the GGUF models of {@code config.modelsDir()} with llama.cpp. */
    private static void startSageMakerEmulator(
            LocalCloudConfig config, List<StartedPart> parts, Deque<AutoCloseable> running) {
        timed("SageMaker", parts, running, () -> {
            try {
                return SageMakerEmulator.start(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), config.sageMakerPort()),
                        new FileModelCatalog(config.modelsDir()), new LlamaModelLoader(config.llamaThreads()),
                        SageMakerEmulator.DEFAULT_MAX_QUEUED_PER_ENDPOINT, config.scalingPeriod());
            } catch (RuntimeException e) {
                if (PortInUseException.isBindFailure(e)) {
                    throw new PortInUseException("SageMaker", config.sageMakerPort(), e);
                }
                throw e;
            }
        }, SageMakerEmulator::port);
    }

    private static <S extends AutoCloseable> void timed(String name, List<StartedPart> parts,
            Deque<AutoCloseable> running, Supplier<S> starter, ToIntFunction<S> port) {
        long begin = System.nanoTime();
        S server = starter.get();
        running.push(server);
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        parts.add(new StartedPart(name, loopback(port.applyAsInt(server)), took));
    }

    private static URI loopback(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** @return DynamoDB Local's endpoint */
    public URI dynamoDbEndpoint() {
        return endpoint("DynamoDB");
    }

    /** @return ElasticMQ's endpoint; queue URLs returned by {@code CreateQueue} use the same host and port */
    public URI sqsEndpoint() {
        return endpoint("SQS");
    }

    /** @return S3Proxy's endpoint (use path-style access) */
    public URI s3Endpoint() {
        return endpoint("S3");
    }

    /** @return the SageMaker emulator's endpoint, for both the SageMaker and the SageMaker Runtime clients */
    public URI sageMakerEndpoint() {
        return endpoint("SageMaker");
    }

    /** @return the SageMaker emulator (tests use it to make launches of an instance type fail) */
    public SageMakerEmulator sageMaker() {
        return running.stream().filter(SageMakerEmulator.class::isInstance).map(SageMakerEmulator.class::cast)
                .findFirst().orElseThrow();
    }

    /**
     * Sends S3's {@code ObjectCreated} event to an SQS queue of this local cloud for every object created (by any
     * S3 client: put, copy, multipart upload) in {@code bucket} under {@code prefix}, as a bucket notification
     * with a prefix filter does on AWS.
     *
     * @param queueUrl a queue URL that ElasticMQ returned
     */
    public void notifyObjectCreated(String bucket, String prefix, String queueUrl) {
        s3.notifier().notify(bucket, prefix, queueUrl);
    }

    /** @return the region clients sign for */
    public String region() {
        return config.region();
    }

    /** @return the access key id clients sign with */
    public String accessKey() {
        return config.accessKey();
    }

    /** @return the secret access key clients sign with */
    public String secretKey() {
        return config.secretKey();
    }

    /** @return the directory of GGUF model files */
    public Path modelsDir() {
        return config.modelsDir();
    }

    /** @return the configuration it was started with (ports as requested, 0 where a free port was asked for) */
    public LocalCloudConfig config() {
        return config;
    }

    /** @return every running part in start order, with its real endpoint and start time */
    public List<StartedPart> parts() {
        return parts;
    }

    /** Stops every part, the last started first; calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LocalCloudException failure = new LocalCloudException("Some local cloud parts failed to stop", null);
            closeAll(running, failure);
            if (failure.getSuppressed().length > 0) {
                throw failure;
            }
        }
    }

    private URI endpoint(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).map(StartedPart::endpoint).findFirst().orElse(null);
    }

    private static void closeAll(Deque<AutoCloseable> running, RuntimeException failure) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
