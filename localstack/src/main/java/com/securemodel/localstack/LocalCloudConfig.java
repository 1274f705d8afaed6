package com.securemodel.localstack;

import com.securemodel.localstack.sagemaker.SageMakerEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the parts of the local cloud listen (loopback ports, 0 for a free one), the region and credentials
 * that clients use, and the directory the SageMaker emulator reads GGUF models from.
 *
 * @param dynamoDbPort DynamoDB Local port
 * @param sqsPort ElasticMQ (SQS) port
 * @param s3Port S3Proxy port
 * @param sageMakerPort SageMaker emulator port
 * @param region the region clients sign for
 * @param accessKey the access key id clients sign with
 * @param secretKey the secret access key clients sign with
 * @param modelsDir the directory of GGUF model files
 * @param llamaThreads llama.cpp threads per loaded model (1 suits tiny models; give real models more)
 * @param scalingPeriod how often the SageMaker emulator's autoscaling evaluates each registered variant (a minute,
 *        like CloudWatch's period; tests use less than a second)
 */
public record LocalCloudConfig(
        int dynamoDbPort,
        int sqsPort,
        int s3Port,
        int sageMakerPort,
        String region,
        String accessKey,
        String secretKey,
        Path modelsDir,
        int llamaThreads,
        Duration scalingPeriod) {

    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    public static final int DEFAULT_SQS_PORT = 9324;
    public static final int DEFAULT_S3_PORT = 9090;
    public static final int DEFAULT_SAGEMAKER_PORT = 8086;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_CREDENTIAL = "local";
    public static final Path DEFAULT_MODELS_DIR = Path.of("models");

    public LocalCloudConfig {
        requirePort("dynamoDbPort", dynamoDbPort);
        requirePort("sqsPort", sqsPort);
        requirePort("s3Port", s3Port);
        requirePort("sageMakerPort", sageMakerPort);
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(modelsDir, "modelsDir");
        Objects.requireNonNull(scalingPeriod, "scalingPeriod");
        if (scalingPeriod.toMillis() < 1) {
            throw new IllegalArgumentException("scalingPeriod must be at least 1 ms, was " + scalingPeriod);
        }
        if (llamaThreads < 1) {
            throw new IllegalArgumentException("llamaThreads must be at least 1, was " + llamaThreads);
        }
    }

    /** @return the default ports (DynamoDB 8000, SQS 9324, S3 9090, SageMaker 8086), us-east-1, local/local */
    public static LocalCloudConfig defaults() {
        return new LocalCloudConfig(DEFAULT_DYNAMODB_PORT, DEFAULT_SQS_PORT, DEFAULT_S3_PORT, DEFAULT_SAGEMAKER_PORT,
                DEFAULT_REGION, DEFAULT_CREDENTIAL, DEFAULT_CREDENTIAL, DEFAULT_MODELS_DIR, 1,
                SageMakerEmulator.DEFAULT_SCALING_PERIOD);
    }

    /** @return the defaults with every port 0, so that each part takes a free port (for tests) */
    public static LocalCloudConfig freePorts() {
        return defaults().withPorts(0, 0, 0, 0);
    }

    /**
     * @param dynamoDb DynamoDB Local port
     * @param sqs ElasticMQ port
     * @param s3 S3Proxy port
     * @param sageMaker SageMaker emulator port
     * @return a copy with these ports
     */
    public LocalCloudConfig withPorts(int dynamoDb, int sqs, int s3, int sageMaker) {
        return new LocalCloudConfig(dynamoDb, sqs, s3, sageMaker, region, accessKey, secretKey, modelsDir,
                llamaThreads, scalingPeriod);
    }

    /**
     * @param dir the directory of GGUF model files
     * @return a copy with this models directory
     */
    public LocalCloudConfig withModelsDir(Path dir) {
        return new LocalCloudConfig(dynamoDbPort, sqsPort, s3Port, sageMakerPort, region, accessKey, secretKey, dir,
                llamaThreads, scalingPeriod);
    }

    /**
     * @param threads llama.cpp threads per loaded model
     * @return a copy with this thread count
     */
    public LocalCloudConfig withLlamaThreads(int threads) {
        return new LocalCloudConfig(dynamoDbPort, sqsPort, s3Port, sageMakerPort, region, accessKey, secretKey,
                modelsDir, threads, scalingPeriod);
    }

    /**
     * @param period how often the SageMaker emulator's autoscaling evaluates each registered variant
     * @return a copy with this period
     */
    public LocalCloudConfig withScalingPeriod(Duration period) {
        return new LocalCloudConfig(dynamoDbPort, sqsPort, s3Port, sageMakerPort, region, accessKey, secretKey,
                modelsDir, llamaThreads, period);
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (a free port) or 1-65535, was " + port);
        }
    }
}
