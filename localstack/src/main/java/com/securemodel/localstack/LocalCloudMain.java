package com.securemodel.localstack;

import com.securemodel.localstack.llm.FileModelCatalog;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local cloud on its default loopback ports until Ctrl-C, printing each part's URL and the settings the
 * AWS CLI and SDKs need. Environment overrides: {@code SECUREMODEL_DYNAMODB_PORT}, {@code SECUREMODEL_SQS_PORT},
 * {@code SECUREMODEL_S3_PORT}, {@code SECUREMODEL_SAGEMAKER_PORT} (0 picks a free port),
 * {@code SECUREMODEL_MODELS_DIR} (default {@code ~/.securemodel/models}) and {@code SECUREMODEL_LLAMA_THREADS}.
 */
public final class LocalCloudMain {

    static final String DYNAMODB_PORT = "SECUREMODEL_DYNAMODB_PORT";
    static final String SQS_PORT = "SECUREMODEL_SQS_PORT";
    static final String S3_PORT = "SECUREMODEL_S3_PORT";
    static final String SAGEMAKER_PORT = "SECUREMODEL_SAGEMAKER_PORT";
    static final String LLAMA_THREADS = "SECUREMODEL_LLAMA_THREADS";

    private static final Map<String, String> PORT_VARIABLES =
            Map.of("DynamoDB", DYNAMODB_PORT, "SQS", SQS_PORT, "S3", S3_PORT, "SageMaker", SAGEMAKER_PORT);

    private LocalCloudMain() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(configFrom(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (PortInUseException e) {
            System.err.printf("%s cannot start: port %d on 127.0.0.1 is in use. Stop what listens there, or set %s "
                    + "to another port (0 picks a free one).%n", e.part(), e.port(), PORT_VARIABLES.get(e.part()));
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("The local cloud failed to start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            stopped.countDown();
        }, "local-cloud-shutdown"));
        System.out.print(LocalCloudBanner.of(cloud));
        awaitQuietly(stopped);
    }

    static LocalCloudConfig configFrom(Map<String, String> env) {
        LocalCloudConfig defaults = LocalCloudConfig.defaults();
        return defaults
                .withPorts(
                        port(env, DYNAMODB_PORT, defaults.dynamoDbPort()),
                        port(env, SQS_PORT, defaults.sqsPort()),
                        port(env, S3_PORT, defaults.s3Port()),
                        port(env, SAGEMAKER_PORT, defaults.sageMakerPort()))
                .withModelsDir(FileModelCatalog.defaultModelsDir(env, System.getProperty("user.home"))
                        .toAbsolutePath())
                .withLlamaThreads(number(env, LLAMA_THREADS, defaults.llamaThreads(), "a whole number of threads"));
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        return number(env, variable, fallback, "a port number (0 for a free port)");
    }

    private static int number(Map<String, String> env, String variable, int fallback, String expected) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be " + expected + ", was " + value, e);
        }
    }

    private static void awaitQuietly(CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
