package com.securemodel.batch;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.batch.BatchProcessor;
import com.securemodel.core.endpoint.EndpointRouting;
import com.securemodel.core.endpoint.TrafficSplitter;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.limits.TierResolver;
import com.securemodel.core.limits.TokenQuota;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.functions.aws.BufferedPostHttpClient;
import com.securemodel.functions.aws.DynamoDbDeploymentStore;
import com.securemodel.functions.aws.DynamoDbEndpointStore;
import com.securemodel.functions.aws.DynamoDbPeriodUsageStore;
import com.securemodel.functions.aws.DynamoDbTierStore;
import com.securemodel.functions.aws.DynamoDbUsageStore;
import com.securemodel.functions.aws.SageMakerModelInvoker;
import com.securemodel.functions.batch.BatchComponents;
import com.securemodel.functions.config.TierProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The runner's AWS clients and services, from environment variables: {@code SECUREMODEL_TABLE_NAME},
 * {@code SECUREMODEL_BATCH_BUCKET}, {@code SECUREMODEL_BATCH_QUEUE_URL}, {@code AWS_REGION}, optional
 * {@code SECUREMODEL_CONCURRENCY_PER_REPLICA} (default 4), {@code SECUREMODEL_BATCH_CHUNK_SIZE} (default 500) and
 * endpoint overrides {@code SECUREMODEL_AWS_DYNAMODB_ENDPOINT}, {@code _SQS_}, {@code _S3_}, {@code _SAGEMAKER_}
 * with {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (the local cloud).
 */
final class RunnerClients implements AutoCloseable {

    final Map<String, String> env;
    final SdkHttpClient http;
    final DynamoDbClient dynamoDb;
    final SqsClient sqs;
    final S3Client s3;
    final SageMakerRuntimeClient runtime;
    final UsageRecorder usage;
    final BatchComponents batch;
    final BatchProcessor processor;

    RunnerClients(Map<String, String> env) {
        this.env = env;
        String region = env.getOrDefault("AWS_REGION", "us-east-1");
        int perReplica = Integer.parseInt(env.getOrDefault("SECUREMODEL_CONCURRENCY_PER_REPLICA", "4"));
        http = BufferedPostHttpClient.create(Duration.ofSeconds(2), Duration.ofSeconds(130));
        AwsCredentialsProvider credentials = env.containsKey("SECUREMODEL_AWS_DYNAMODB_ENDPOINT")
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env.getOrDefault("AWS_ACCESS_KEY_ID", "local"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "local")))
                : DefaultCredentialsProvider.builder().build();
        ClientOverrideConfiguration control = ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(30)).apiCallAttemptTimeout(Duration.ofSeconds(10)).build();
        ClientOverrideConfiguration invoke = ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(120)).apiCallAttemptTimeout(Duration.ofSeconds(120)).build();
        dynamoDb = configure(DynamoDbClient.builder(), region, credentials, "DYNAMODB", control).httpClient(http)
                .build();
        sqs = configure(SqsClient.builder(), region, credentials, "SQS", control).httpClient(http).build();
        String s3Endpoint = env.get("SECUREMODEL_AWS_S3_ENDPOINT");
        s3 = configure(S3Client.builder(), region, credentials, "S3", control).httpClient(http)
                .forcePathStyle(s3Endpoint != null)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        runtime = configure(SageMakerRuntimeClient.builder(), region, credentials, "SAGEMAKER", invoke)
                .httpClient(http).build();
        String table = require("SECUREMODEL_TABLE_NAME");
        // batch lines count towards the client's tokens of the period, and a line over the tier's token quota is
        // refused before any SageMaker call (an error line), as the API refuses a generation
        DynamoDbPeriodUsageStore periods = new DynamoDbPeriodUsageStore(dynamoDb, table);
        usage = new UsageRecorder(new DynamoDbUsageStore(dynamoDb, table), periods, Clock.systemUTC(),
                Duration.ofSeconds(5));
        TierProperties tiers = RunnerTiers.load(env);
        TokenQuota quota = new TokenQuota(new TierResolver(tiers.catalog(), new DynamoDbTierStore(dynamoDb, table),
                Clock.systemUTC(), tiers.tierCacheTtl()), periods, usage, Clock.systemUTC(), tiers.usageReadTtl());
        // a line's model (or the file's folder) may name a deployment, an endpoint or a canary endpoint
        EndpointRouting endpoints = new EndpointRouting(new DynamoDbEndpointStore(dynamoDb, table),
                new TrafficSplitter(), Clock.systemUTC(), GenerationService.DEFAULT_RESOLVE_TTL);
        GenerationService generation = new GenerationService(new DynamoDbDeploymentStore(dynamoDb, table),
                new SageMakerModelInvoker(runtime, () -> {
                    throw new IllegalStateException("the batch runner does not stream");
                }), usage, Clock.systemUTC(), IdGenerator.random(), GenerationService.DEFAULT_RESOLVE_TTL,
                endpoints, quota);
        batch = BatchComponents.of(dynamoDb, () -> s3, table, require("SECUREMODEL_BATCH_BUCKET"));
        processor = batch.processor(generation, Clock.systemUTC(), BatchProcessor.Settings.defaults(perReplica)
                .withChunkSize(Integer.parseInt(env.getOrDefault("SECUREMODEL_BATCH_CHUNK_SIZE",
                        String.valueOf(BatchProcessor.Settings.DEFAULT_CHUNK_SIZE)))));
    }

    String require(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Set " + name);
        }
        return value;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region,
            AwsCredentialsProvider credentials, String service, ClientOverrideConfiguration overrides) {
        builder.region(Region.of(region)).credentialsProvider(credentials).overrideConfiguration(overrides);
        String endpoint = env.get("SECUREMODEL_AWS_" + service + "_ENDPOINT");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    @Override
    public void close() {
        usage.flush();
        dynamoDb.close();
        sqs.close();
        s3.close();
        runtime.close();
        http.close();
    }
}
